import { redactSecret, type RedisTarget } from './redis-target.js';

/** Sampling failed as a whole (unreachable server, a refused essential command); the message never holds the password. */
export class KeyspaceError extends Error {}

/** A command's failure as one sentence: a refusal under the ACL (`NOPERM`) names the command; anything else names the node. */
export function commandFailure(error: unknown, command: string, target: RedisTarget, address: string): KeyspaceError {
  const message = redactSecret(messageOf(error), target);
  return new KeyspaceError(message.startsWith('NOPERM') ? `${target.display} refused ${command}: ${message}` : `sampling ${target.display} (${address}) failed at ${command}: ${message}`);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
