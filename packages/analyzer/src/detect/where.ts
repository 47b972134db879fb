import type { CodeContext } from './client-site.js';

/** ` in the Express handler for GET /users`, ` inside a loop`, or nothing: for messages. */
export function whereText(context: CodeContext): string {
  if (context.hotPath) return ` in ${context.hotPath.label}`;
  if (context.inLoop) return ' inside a loop';
  return '';
}

export function isHot(context: CodeContext): boolean {
  return context.hotPath !== undefined;
}
