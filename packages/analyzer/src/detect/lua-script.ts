import type ts from 'typescript';
import type { ClientRef, CodeContext } from './client-site.js';

/** A Lua script handed to Redis (EVAL, defineCommand, SCRIPT LOAD, FUNCTION LOAD). */
export interface LuaScript {
  /** The expression holding the script text. */
  node: ts.Expression;
  /** The script text when the engine can read it (literal, template without holes, local constant). */
  text: string | undefined;
  /** Where `text` starts in the file, when the script is a single literal there (for precise ranges). */
  textStart: number | undefined;
  via: 'eval' | 'defineCommand' | 'scriptLoad' | 'functionLoad';
  client: ClientRef;
  call: ts.CallExpression;
  context: CodeContext;
}
