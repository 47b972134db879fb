import ts = require('typescript');
import type { KeyPattern } from '../detect/key-pattern.js';
import type { TextEdit } from '../engine/finding.js';

/**
 * When every key is a literal or template starting with the same entity prefix
 * (`user:${id}:profile`, `user:${id}:settings`), wraps that prefix in a hash tag in each key.
 */
export function sharedTagEdits(keys: readonly KeyPattern[]): { tag: string; example: string; edits: TextEdit[] } | undefined {
  const texts = keys.map((key) => key.node.getText());
  if (keys.some((key) => !isInlineKey(key.node))) return undefined;
  const bodies = texts.map((text) => text.slice(1, -1));
  if (bodies.some((body) => body.includes('{') && !body.includes('${'))) return undefined;
  const prefix = entityPrefix(bodies);
  if (!prefix) return undefined;
  const edits = keys.map((key) => {
    const start = key.node.getStart() + 1;
    return [
      { start, end: start, text: '{' },
      { start: start + prefix.length, end: start + prefix.length, text: '}' },
    ];
  });
  const example = `"{${prefix}}${bodies[0]!.slice(prefix.length)}"`;
  return { tag: `{${prefix}}`, example, edits: edits.flat() };
}

function isInlineKey(node: ts.Expression): boolean {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
}

/** The longest common prefix ending right before a `:` separator, containing a run-time part or an id. */
function entityPrefix(bodies: readonly string[]): string | undefined {
  const [first, ...rest] = bodies;
  if (first === undefined || rest.length === 0) return undefined;
  let length = first.length;
  for (const body of rest) {
    let index = 0;
    while (index < length && index < body.length && body[index] === first[index]) index++;
    length = index;
  }
  const common = first.slice(0, length);
  const cut = common.lastIndexOf(':');
  if (cut <= 0) return undefined;
  const prefix = common.slice(0, cut);
  if (prefix.includes('{') && !/\$\{[^}]*\}/.test(prefix)) return undefined;
  if (/\$\{[^}]*$/.test(prefix)) return undefined;
  return /\$\{[^}]+\}|:\w+/.test(prefix) ? prefix : undefined;
}
