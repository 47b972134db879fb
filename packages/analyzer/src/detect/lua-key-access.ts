import ts = require('typescript');
import { keyIndexes } from './command-table.js';
import type { DetectionContext } from './detection-context.js';
import { luaCommandCalls, luaLocals, luaStringValue, maskCommentsAndStrings } from './lua-commands.js';
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

const MAX_LOCAL_DEPTH = 3;

/** The key arguments of every `redis.call`/`redis.pcall` in a script whose text the engine can read. */
export function luaKeyAccesses(script: LuaScript, context: DetectionContext): LuaKeyAccess[] {
  if (script.text === undefined) return [];
  const code = maskCommentsAndStrings(script.text);
  const literal = scriptLiteral(script, context);
  const offsetOf = literal ? literalOffsets(literal, script.text) : undefined;
  const locals = luaLocals(script.text, code);
  const accesses: LuaKeyAccess[] = [];
  for (const { command, args } of luaCommandCalls(script.text, code)) {
    if (!command) continue;
    for (const index of keyIndexes(command, args.map((arg) => luaStringValue(arg.text) ?? (/^\d+$/.test(arg.text) ? arg.text : '?')))) {
      const arg = args[index];
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
  if (luaStringValue(text) !== undefined) return 'literal';
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
