import type { RedisCall } from '../detect/redis-call.js';

/** From the command's name to the end of the call: the line a user sees the command on. */
export function callRange(call: RedisCall): [number, number] {
  return [call.nameNode.getStart(), call.node.getEnd()];
}
