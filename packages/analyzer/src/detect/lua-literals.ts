import ts = require('typescript');

/** A string in the file that is a Redis Lua script, whether or not this file hands it to Redis. */
export interface LuaLiteral {
  node: ts.StringLiteralLike;
  text: string;
  /** Where `text` starts in the file, when the literal has no escapes that shift offsets. */
  textStart: number | undefined;
}

const REDIS_CALL = /\bredis\s*\.\s*p?call\s*\(/;

/** Whether the text calls `redis.call`/`redis.pcall` anywhere: only then can it hold a Lua script. */
export function mentionsLuaCall(text: string): boolean {
  return REDIS_CALL.test(text);
}

/** The file's string literals and plain templates that call `redis.call`/`redis.pcall`. */
export function luaLiteralsOf(sourceFile: ts.SourceFile): LuaLiteral[] {
  if (!mentionsLuaCall(sourceFile.text)) return [];
  const found: LuaLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) {
      if (REDIS_CALL.test(node.text)) {
        const body = node.getText(sourceFile).slice(1, -1);
        found.push({ node, text: node.text, textStart: body === node.text ? node.getStart(sourceFile) + 1 : undefined });
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The file range of the `redis.call` at `offset` in the literal's text, or the whole literal when offsets shift. */
export function luaCallRange(literal: LuaLiteral, offset: number): [number, number] {
  if (literal.textStart === undefined) return [literal.node.getStart(), literal.node.getEnd()];
  const start = literal.textStart + offset;
  return [start, start + (/^redis\s*\.\s*p?call/.exec(literal.text.slice(offset))?.[0].length ?? 0)];
}
