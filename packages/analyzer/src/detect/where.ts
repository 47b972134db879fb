import type { CodeContext } from './client-site.js';

/**
 * ` in the Express handler for GET /users`, ` inside a loop`, or nothing: for messages. A path through
 * a helper (`load(), called from …`) is an aside, closed with a comma unless the message puts one there
 * itself (`closed: false`): "HGETALL in load(), called from the handler for GET /users, returns …".
 */
export function whereText(context: CodeContext, closed = true): string {
  if (context.hotPath) return ` in ${context.hotPath.label}${closed && context.hotPath.kind === 'called-from-handler' ? ',' : ''}`;
  if (context.inLoop) return ' inside a loop';
  return '';
}

export function isHot(context: CodeContext): boolean {
  return context.hotPath !== undefined;
}
