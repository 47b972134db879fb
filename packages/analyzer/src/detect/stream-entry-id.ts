import ts = require('typescript');
import { skipOuter } from './module-binding.js';
import type { RedisCall } from './redis-call.js';
import type { DeclarationFinder } from './scope.js';

/** Commands whose reply carries stream entry IDs. */
export const STREAM_ID_REPLIES = new Set(['XADD', 'XRANGE', 'XREVRANGE', 'XREAD', 'XREADGROUP']);

/** A step from a reply to the value: an index, a property name, or `*` for an index not known. */
type Step = number | string;

/** Hops followed from the value back to the reply, through local constants and element accesses. */
const MAX_HOPS = 8;

/**
 * Whether `value` is an entry ID the code took from a stream command's reply, through local
 * constants: XADD's reply (`const id = await redis.xadd(…)`), an entry's ID from XRANGE/XREVRANGE
 * (`newest[0][0]`, node-redis `newest[0].id`) or from XREAD (`streams[0][1][0][0]`). Such a value
 * records a position in the stream, not a copy of data.
 */
export function isStreamEntryId(value: ts.Expression, streamCalls: ReadonlyMap<ts.Node, RedisCall>, finder: DeclarationFinder): boolean {
  const traced = replyOf(value, finder);
  const call = traced && streamCalls.get(traced.reply);
  if (!traced || !call) return false;
  const { path } = traced;
  const idStep = (step: Step | undefined): boolean => step === 0 || step === 'id';
  switch (call.command) {
    case 'XADD':
      return path.length === 0;
    case 'XRANGE':
    case 'XREVRANGE':
      return path.length === 2 && idStep(path[1]);
    case 'XREAD':
    case 'XREADGROUP':
      return path.length === 4 && idStep(path[3]);
    default:
      return false;
  }
}

/** The call whose reply `value` is read from, and the accesses that read it. */
function replyOf(value: ts.Expression, finder: DeclarationFinder): { reply: ts.CallExpression; path: Step[] } | undefined {
  const path: Step[] = [];
  let current = value;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    current = skipOuter(current);
    if (ts.isCallExpression(current)) return { reply: current, path };
    if (ts.isElementAccessExpression(current)) {
      const index = current.argumentExpression;
      path.unshift(ts.isNumericLiteral(index) ? Number(index.text) : ts.isStringLiteral(index) ? index.text : '*');
      current = current.expression;
    } else if (ts.isPropertyAccessExpression(current)) {
      path.unshift(current.name.text);
      current = current.expression;
    } else if (ts.isIdentifier(current)) {
      const declaration = finder.find(current);
      if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
      if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
      current = declaration.initializer;
    } else {
      return undefined;
    }
  }
  return undefined;
}
