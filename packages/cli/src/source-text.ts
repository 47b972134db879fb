import fs from 'node:fs';
import { errorText } from './error-text.js';

export type SourceText =
  | { ok: true; text: string; bom: boolean; validUtf8: boolean }
  | { ok: false; kind: 'unreadable-file' | 'binary-file'; message: string };

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Reads a file the way TypeScript does (UTF-8, BOM stripped, UTF-16 with a BOM), refusing binaries. */
export function readSourceText(file: string): SourceText {
  // Node's own UTF-8 read is one native call; a text it leaves plain (no BOM, NUL or U+FFFD) reads the same below.
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, kind: 'unreadable-file', message: `Cannot read file: ${errorText(error)}.` };
  }
  if (text.charCodeAt(0) !== 0xfeff && !text.includes('\0') && !text.includes('\uFFFD')) return { ok: true, text, bom: false, validUtf8: true };
  return readSourceBytes(file);
}

function readSourceBytes(file: string): SourceText {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { ok: false, kind: 'unreadable-file', message: `Cannot read file: ${errorText(error)}.` };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), bom: true, validUtf8: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), bom: true, validUtf8: false };
  if (bytes.subarray(0, 8000).includes(0)) return { ok: false, kind: 'binary-file', message: 'Skipped: binary file (it contains NUL bytes).' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: utf8Strict.decode(body), bom, validUtf8: true };
  } catch {
    return { ok: true, text: utf8Lenient.decode(body), bom, validUtf8: false };
  }
}
