import ts = require('typescript');
import type { KeyPattern } from '../detect/key-pattern.js';
import type { TextEdit } from '../engine/finding.js';
import { defineRule, IGNORE_TEST_FILES_OPTION } from '../engine/rule.js';
import { keysWrittenHere } from '../detect/keys-written-here.js';

type MessageIds = 'hotHashTag' | 'removeHashTag';
interface Options {
  allowTags: string[];
  ignoreTestFiles: boolean;
}

export default defineRule<MessageIds, Options>({
  id: 'no-hot-hash-tag',
  meta: {
    description: 'Disallow a constant hash tag on per-entity keys, which puts every entity on one cluster slot.',
    recommended: false,
    strict: true,
    messages: {
      hotHashTag:
        'Every key {{key}} hashes only its constant tag {{tag}}, so all of them land on one Redis Cluster slot and one node takes all their memory and traffic; put the entity id inside the tag ({{suggested}}) or drop the tag.',
      removeHashTag: 'Drop the hash tag {{tag}} (existing keys move to new slots: migrate the data).',
    },
    schema: {
      type: 'object',
      properties: {
        allowTags: {
          type: 'array',
          items: { type: 'string' },
          description: 'Tag contents that may stay constant on purpose (for example a small queue whose keys a Lua script must reach together), without braces: `["jobs"]`.',
        },
        ignoreTestFiles: IGNORE_TEST_FILES_OPTION,
      },
      additionalProperties: false,
    },
    defaultOptions: { allowTags: [], ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: true,
  },
  create(context) {
    const allowed = new Set(context.options.allowTags);
    const seen = new Set<string>();
    return {
      onEnd() {
        for (const { key, call } of keysWrittenHere(context.sourceFile, context.model.calls)) {
          const tag = key.hashTag;
          if (tag === undefined || tag.includes('${') || !key.hasDynamicPart || allowed.has(tag) || seen.has(key.signature)) continue;
          seen.add(key.signature);
          const edits = removeTagEdits(key);
          context.report({
            node: key.node,
            messageId: 'hotHashTag',
            keys: [{ key, command: call.command }],
            data: { key: key.display, tag: `{${tag}}`, suggested: `{${tag}:${firstDynamic(key)}}` },
            suggest: edits ? [{ messageId: 'removeHashTag', data: { tag: `{${tag}}` }, edits }] : undefined,
          });
        }
      },
    };
  },
});

function firstDynamic(key: KeyPattern): string {
  const part = key.parts.find((candidate) => candidate.kind === 'dynamic');
  return part?.kind === 'dynamic' ? `\${${part.expr}}` : '';
}

/** In a key written inline (`'{users}:' + id`, `` `{users}:${id}` ``), deletes the tag's braces. */
function removeTagEdits(key: KeyPattern): TextEdit[] | undefined {
  const literal = firstLiteral(key.node);
  if (!literal) return undefined;
  const raw = literal.getText();
  const open = raw.indexOf('{', 1);
  const close = open === -1 ? -1 : raw.indexOf('}', open);
  if (open === -1 || close === -1 || raw[open - 1] === '$') return undefined;
  const start = literal.getStart();
  return [
    { start: start + open, end: start + open + 1, text: '' },
    { start: start + close, end: start + close + 1, text: '' },
  ];
}

/** The literal that spells the start of the key, when the key is written inline. */
function firstLiteral(node: ts.Expression): ts.Node | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node;
  if (ts.isTemplateExpression(node)) return node.head;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return firstLiteral(node.left);
  return undefined;
}
