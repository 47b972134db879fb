import ts = require('typescript');
import { keyIndexes } from './command-table.js';
import type { DetectionContext } from './detection-context.js';
import type { LuaScript } from './lua-script.js';
import { skipOuter } from './module-binding.js';

/**
 * Where a key a Lua script touches comes from: `declared` (KEYS[i], or built on one, so it keeps
 * the declared key's hash tag), `literal` (a constant name), `argv` (an ARGV[i] value used as a key),
 * `built` (concatenated inside the script without KEYS), `unknown` (anything the reader cannot follow).
 */
export type LuaKeyOrigin = 'declared' | 'literal' | 'argv' | 'built' | 'unknown';

/** One key argument of a `redis.call`/`redis.pcall` inside a script. */
export interface LuaKeyAccess {
  command: string;
  /** The key argument as written in Lua. */
  expression: string;
  origin: LuaKeyOrigin;
  /** The file range of the key argument when the script is a literal in this file, else the script expression. */
  range: [number, number];
}

interface LuaArgument {
  text: string;
  start: number;
}

const MAX_LOCAL_DEPTH = 3;

/** The key arguments of every `redis.call`/`redis.pcall` in a script whose text the engine can read. */
export function luaKeyAccesses(script: LuaScript, context: DetectionContext): LuaKeyAccess[] {
  if (script.text === undefined) return [];
  const code = maskCommentsAndStrings(script.text);
  const literal = scriptLiteral(script, context);
  const offsetOf = literal ? literalOffsets(literal, script.text) : undefined;
  const locals = localAssignments(script.text, code);
  const accesses: LuaKeyAccess[] = [];
  const callPattern = /\bredis\s*\.\s*p?call\s*\(/g;
  for (let match = callPattern.exec(code); match; match = callPattern.exec(code)) {
    const args = splitArguments(script.text, code, match.index + match[0].length);
    const [name, ...rest] = args;
    const command = name ? stringValue(name.text)?.toUpperCase() : undefined;
    if (!command) continue;
    for (const index of keyIndexes(command, rest.map((arg) => stringValue(arg.text) ?? (/^\d+$/.test(arg.text) ? arg.text : '?')))) {
      const arg = rest[index];
      if (!arg) continue;
      const range: [number, number] = offsetOf
        ? [offsetOf(arg.start), offsetOf(arg.start + arg.text.length)]
        : [script.node.getStart(context.sourceFile), script.node.getEnd()];
      accesses.push({ command, expression: arg.text, origin: originOf(arg.text, locals, 0), range });
    }
  }
  return accesses;
}

function originOf(expression: string, locals: ReadonlyMap<string, string>, depth: number): LuaKeyOrigin {
  const text = stripParentheses(expression.trim());
  if (/\bKEYS\s*\[/i.test(text)) return 'declared';
  if (stringValue(text) !== undefined) return 'literal';
  if (/^(ARGV|args)\s*\[\s*\d+\s*\]$/.test(text)) return 'argv';
  if (/^[A-Za-z_]\w*$/.test(text)) {
    const value = locals.get(text);
    return value !== undefined && depth < MAX_LOCAL_DEPTH ? originOf(value, locals, depth + 1) : 'unknown';
  }
  if (text.includes('..')) {
    const pieces = text.split('..').map((piece) => originOf(piece, locals, depth + 1));
    if (pieces.includes('declared')) return 'declared';
    if (pieces.includes('unknown')) return 'unknown';
    return 'built';
  }
  return 'unknown';
}

function stripParentheses(text: string): string {
  return /^\((.*)\)$/s.test(text) ? text.slice(1, -1).trim() : text;
}

/** The value of a Lua short string literal (`'a'`, `"a"`), or undefined. */
function stringValue(text: string): string | undefined {
  const match = /^\s*(['"])((?:\\.|(?!\1).)*)\1\s*$/s.exec(text);
  return match ? match[2]!.replace(/\\(.)/g, '$1') : undefined;
}

/** `local name = expr` lines for names assigned exactly once in the script. */
function localAssignments(text: string, code: string): Map<string, string> {
  const locals = new Map<string, string>();
  const counts = new Map<string, number>();
  const assignment = /(?:^|[\s;])(?:local\s+)?([A-Za-z_]\w*)\s*=(?!=)([^\n;]*)/g;
  for (let match = assignment.exec(code); match; match = assignment.exec(code)) {
    const name = match[1]!;
    if (name === 'local') continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const valueStart = match.index + match[0].length - match[2]!.length;
    locals.set(name, text.slice(valueStart, valueStart + match[2]!.length).trim());
  }
  for (const [name, count] of counts) if (count !== 1) locals.delete(name);
  return locals;
}

/** Splits the arguments of a call whose `(` ends right before `start`, at top-level commas. */
function splitArguments(text: string, code: string, start: number): LuaArgument[] {
  const args: LuaArgument[] = [];
  let depth = 0;
  let argStart = start;
  const push = (end: number): void => {
    const raw = text.slice(argStart, end);
    const leading = raw.length - raw.trimStart().length;
    if (raw.trim()) args.push({ text: raw.trim(), start: argStart + leading });
  };
  for (let index = start; index < code.length; index++) {
    const char = code[index];
    if (char === '(' || char === '{' || char === '[') depth++;
    else if (char === ')' || char === '}' || char === ']') {
      if (depth === 0) {
        push(index);
        return args;
      }
      depth--;
    } else if (char === ',' && depth === 0) {
      push(index);
      argStart = index + 1;
    }
  }
  return [];
}

/** The script with comments blanked and string contents replaced by spaces, same length, for structural scans. */
function maskCommentsAndStrings(text: string): string {
  const out = text.split('');
  let index = 0;
  const blank = (from: number, to: number): void => {
    for (let position = from; position < to && position < out.length; position++) if (out[position] !== '\n') out[position] = ' ';
  };
  while (index < text.length) {
    const rest = text.slice(index, index + 4);
    if (rest.startsWith('--')) {
      const long = /^--\[(=*)\[/.exec(text.slice(index));
      const end = long ? text.indexOf(`]${long[1]}]`, index) : text.indexOf('\n', index);
      const stop = end === -1 ? text.length : long ? end + long[1]!.length + 2 : end;
      blank(index, stop);
      index = stop;
      continue;
    }
    const longString = /^\[(=*)\[/.exec(text.slice(index, index + 64));
    if (longString) {
      const end = text.indexOf(`]${longString[1]}]`, index);
      const stop = end === -1 ? text.length : end + longString[1]!.length + 2;
      blank(index + 1, stop - 1);
      index = stop;
      continue;
    }
    const char = text[index];
    if (char === '"' || char === "'") {
      let end = index + 1;
      while (end < text.length && text[end] !== char && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      blank(index + 1, end);
      index = end + 1;
      continue;
    }
    index++;
  }
  return out.join('');
}

/** The string literal in this file that holds the script: the argument itself or the `const` it names. */
function scriptLiteral(script: LuaScript, context: DetectionContext): ts.StringLiteralLike | undefined {
  const node = skipOuter(script.node);
  if (ts.isStringLiteralLike(node)) return node;
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = context.finder.find(node);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || declaration.getSourceFile() !== context.sourceFile) return undefined;
  const initializer = skipOuter(declaration.initializer);
  return ts.isStringLiteralLike(initializer) ? initializer : undefined;
}

/** Maps offsets in the cooked script text to file offsets, when the literal has no escapes that shift them. */
function literalOffsets(literal: ts.StringLiteralLike, text: string): ((offset: number) => number) | undefined {
  const raw = literal.getText();
  const body = raw.slice(1, -1);
  if (body !== text) return undefined;
  const start = literal.getStart() + 1;
  return (offset) => start + offset;
}
