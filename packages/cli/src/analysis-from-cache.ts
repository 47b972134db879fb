import { LineIndex } from '@redis-lint/analyzer/findings';
import type { FileAnalysis } from './analyzed-file.js';
import type { CachedFile } from './result-cache.js';
import { readSourceText } from './source-text.js';

/** What an analysis from the cache needs of a file that was read. */
interface ReadText {
  text: string;
  bom: boolean;
  validUtf8: boolean;
}

/**
 * A cached file with nothing to report, or whose entry kept what reporting needs of its text (`lines`
 * and fingerprints): its text is read only if asked for, which only `--fix` does.
 */
export function unreadAnalysis(file: string, cached: CachedFile, knownLines: LineIndex | undefined): FileAnalysis {
  let source: ReadText | undefined;
  const read = (): ReadText => {
    if (source) return source;
    const found = readSourceText(file);
    source = found.ok ? found : { text: '', bom: false, validUtf8: false };
    return source;
  };
  let lines = knownLines;
  const reporting = knownLines ? cached.reporting : undefined;
  return {
    analyzed: {
      file,
      get text() {
        return read().text;
      },
      get bom() {
        return read().bom;
      },
      get writable() {
        return read().validUtf8;
      },
      get lines() {
        return (lines ??= new LineIndex(read().text));
      },
      findings: cached.findings,
      unusedDirectives: cached.unusedDirectives,
      typed: false,
      ...(reporting ? { fingerprints: { findings: reporting.fingerprints, unusedDirectives: reporting.directiveFingerprints } } : {}),
    },
    problems: [],
  };
}

/** A file whose entry matched the text read to find it. */
export function analysisFromCache(file: string, source: ReadText, cached: CachedFile): FileAnalysis {
  let lines: LineIndex | undefined;
  return {
    analyzed: {
      file,
      text: source.text,
      bom: source.bom,
      writable: source.validUtf8,
      // Only files with findings need positions: most files of a cached run have none.
      get lines() {
        return (lines ??= new LineIndex(source.text));
      },
      findings: cached.findings,
      unusedDirectives: cached.unusedDirectives,
      typed: cached.typed,
    },
    problems: [],
  };
}
