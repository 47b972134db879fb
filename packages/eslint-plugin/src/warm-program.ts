import type ts from 'typescript';
import { sameOffsets } from './same-offsets.js';

const KEPT = 2;
const equivalents = new WeakMap<ts.Program, ts.Program>();
let warm: ts.Program[] = [];

/**
 * A program already in use that means the same as `program`, else `program` itself. The project
 * service makes a new program whenever ESLint hands it a file whose text differs from the disk,
 * which every shebang file does; each new program would cost a new type checker (binding every
 * file), though nothing but a `#!` turned into `//` has changed.
 */
export function warmEquivalent(program: ts.Program): ts.Program {
  const known = equivalents.get(program);
  if (known) return known;
  const found = warm.find((candidate) => equivalent(candidate, program)) ?? program;
  equivalents.set(program, found);
  if (found === program) warm = [program, ...warm].slice(0, KEPT);
  return found;
}

function equivalent(a: ts.Program, b: ts.Program): boolean {
  if (a === b) return true;
  if (!sameOptions(a.getCompilerOptions(), b.getCompilerOptions())) return false;
  const left = a.getSourceFiles();
  const right = b.getSourceFiles();
  if (left.length !== right.length) return false;
  return left.every((file, index) => {
    const other = right[index]!;
    return file === other || (file.fileName === other.fileName && sameOffsets(file.text, other.text));
  });
}

function sameOptions(a: ts.CompilerOptions, b: ts.CompilerOptions): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}
