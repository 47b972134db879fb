import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { errorText } from './error-text.js';
import type { FileProblem } from './file-problem.js';
import { UsageError } from './usage-error.js';

export const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const DECLARATION_FILE = /\.d\.[cm]?ts$/i;
/** Output and dependency folders no one wants linted, skipped even without a `.gitignore`. */
export const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', '.next', 'coverage', '.git']);

export interface Discovery {
  /** Absolute paths of the files to analyze, sorted. */
  files: string[];
  problems: FileProblem[];
}

interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

/** What a walk depended on, for `--cache` to know when the same paths would find the same files. */
export interface DiscoveryTrace {
  /** Every directory listed. */
  directory(dir: string): void;
  /** Every `.gitignore` read (or looked for, above the walk: undefined when absent), with its text. */
  ignoreFile(file: string, text: string | undefined): void;
  /** Every `.git` looked for above the walk (where the work tree begins decides which `.gitignore` files apply). */
  marker(file: string, exists: boolean): void;
  /** A symbolic link, an unreadable entry or a file named explicitly: what a directory's listing does not cover. */
  irregular(): void;
}

export function isSourceFile(file: string): boolean {
  return SOURCE_FILE.test(file) && !DECLARATION_FILE.test(file);
}

/**
 * The files under `paths`. Directories are walked without following directory symlinks;
 * `.gitignore` files (from the git root down) and the skipped folders apply to what the walk finds.
 * A path named explicitly is always analyzed, even inside an ignored folder (lint-staged passes
 * exactly the files it wants).
 */
export function discoverFiles(paths: readonly string[], cwd: string, trace?: DiscoveryTrace): Discovery {
  const files = new Set<string>();
  const problems: FileProblem[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stats: fs.Stats;
    try {
      stats = fs.lstatSync(absolute);
    } catch {
      throw new UsageError(`No such file or directory: ${given}`);
    }
    if (stats.isDirectory()) {
      const layers = ancestorLayers(absolute, trace);
      // A folder named explicitly is wanted even when it is itself ignored (`redis-lint node_modules/x`).
      walk(absolute, isIgnored(layers, absolute, true) ? [] : layers, files, problems, trace);
    } else {
      trace?.irregular();
      if (isSourceFile(absolute)) addFile(absolute, stats, files, problems);
    }
  }
  if (problems.length > 0) trace?.irregular();
  return { files: [...files].sort(), problems };
}

function walk(root: string, baseLayers: IgnoreLayer[], files: Set<string>, problems: FileProblem[], trace: DiscoveryTrace | undefined): void {
  const stack: Array<{ dir: string; layers: IgnoreLayer[] }> = [{ dir: root, layers: baseLayers }];
  while (stack.length > 0) {
    const { dir, layers: parentLayers } = stack.pop()!;
    trace?.directory(dir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ file: dir, level: 'error', kind: 'unreadable-file', message: `Cannot read directory: ${errorText(error)}.` });
      continue;
    }
    // Only a directory that lists a `.gitignore` is asked for one: a failed read per directory is a thrown error each.
    const own = entries.some((entry) => entry.name === '.gitignore' && !entry.isDirectory()) ? readIgnoreFile(dir, trace) : undefined;
    const layers = own ? [...parentLayers, own] : parentLayers;
    for (const entry of entries.sort((a, b) => (a.name < b.name ? 1 : -1))) {
      if (entry.isDirectory()) {
        const full = path.join(dir, entry.name);
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !isIgnored(layers, full, true)) stack.push({ dir: full, layers });
        continue;
      }
      if (!isSourceFile(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (isIgnored(layers, full, false)) continue;
      if (entry.isFile()) {
        files.add(full);
        continue;
      }
      trace?.irregular();
      let stats: fs.Stats;
      try {
        stats = fs.lstatSync(full);
      } catch (error) {
        problems.push({ file: full, level: 'error', kind: 'unreadable-file', message: `Cannot read file: ${errorText(error)}.` });
        continue;
      }
      addFile(full, stats, files, problems);
    }
  }
}

/** Follows a file symlink (never a directory one) and keeps regular files only. */
function addFile(file: string, lstats: fs.Stats, files: Set<string>, problems: FileProblem[]): void {
  let stats = lstats;
  if (lstats.isSymbolicLink()) {
    try {
      stats = fs.statSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ELOOP' ? 'symbolic link loop' : code === 'ENOENT' ? 'broken symbolic link' : errorText(error);
      problems.push({ file, level: 'error', kind: 'unreadable-file', message: `Cannot read file: ${reason}.` });
      return;
    }
    if (stats.isDirectory()) return;
  }
  if (stats.isDirectory()) return;
  if (!stats.isFile()) {
    problems.push({ file, level: 'error', kind: 'unreadable-file', message: 'Cannot read file: not a regular file.' });
    return;
  }
  files.add(file);
}

/** `.gitignore` files of the directories from the git root down to (not including) `dir`. */
function ancestorLayers(dir: string, trace: DiscoveryTrace | undefined): IgnoreLayer[] {
  const chain: string[] = [];
  let current = path.dirname(dir);
  const hasGit = (folder: string): boolean => {
    const marker = path.join(folder, '.git');
    const exists = fs.existsSync(marker);
    trace?.marker(marker, exists);
    return exists;
  };
  let reachedRoot = hasGit(dir);
  while (!reachedRoot) {
    chain.push(current);
    if (hasGit(current)) reachedRoot = true;
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (!reachedRoot) return [];
  return chain
    .reverse()
    .map((ancestor) => readIgnoreFile(ancestor, trace))
    .filter((layer): layer is IgnoreLayer => layer !== undefined);
}

function readIgnoreFile(dir: string, trace: DiscoveryTrace | undefined): IgnoreLayer | undefined {
  const file = path.join(dir, '.gitignore');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    trace?.ignoreFile(file, undefined);
    return undefined;
  }
  trace?.ignoreFile(file, text);
  return { dir, rules: ignore().add(text) };
}

function isIgnored(layers: readonly IgnoreLayer[], file: string, isDirectory: boolean): boolean {
  return layers.some((layer) => {
    const relative = path.relative(layer.dir, file).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) return false;
    return layer.rules.ignores(isDirectory ? `${relative}/` : relative);
  });
}
