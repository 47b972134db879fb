import type { KeyPattern } from '../detect/key-pattern.js';
import { defineRule, IGNORE_TEST_FILES_OPTION } from '../engine/rule.js';
import { keysWrittenHere } from '../detect/keys-written-here.js';

type MessageIds = 'whitespace' | 'separator' | 'casing' | 'longPrefix';
interface Options {
  separator: string;
  casing: 'lower' | 'any';
  maxPrefixLength: number;
  ignoreTestFiles: boolean;
}

/** Characters that act as a separator when they join a literal prefix to a run-time id. */
const SEPARATOR_LIKE = /[/|.#;,_-]$/;
/** Word joiners: inside a key that already uses the separator they build one segment (`job:retry-${n}`). */
const WORD_JOINERS = new Set(['-', '_']);

export default defineRule<MessageIds, Options>({
  id: 'key-naming',
  meta: {
    description: 'Enforce one key naming scheme: a single separator, no whitespace, one casing, short literal prefixes.',
    recommended: false,
    strict: false,
    messages: {
      whitespace: 'The key {{key}} contains whitespace, which breaks redis-cli, key patterns and tooling that splits on spaces; use the separator {{separator}} instead.',
      separator: 'The key {{key}} joins its parts with {{found}} instead of {{separator}}, so SCAN patterns and key browsers do not group it with the rest of the keyspace; use {{separator}}.',
      casing: 'The key {{key}} mixes upper-case letters into its literal parts; key names are case-sensitive, so keep them lower-case to avoid two spellings of one key.',
      longPrefix: 'The key {{key}} starts with a {{length}}-character literal prefix, which every such key stores again in memory; shorten it to at most {{max}} characters.',
    },
    schema: {
      type: 'object',
      properties: {
        separator: { type: 'string', minLength: 1, maxLength: 1, description: 'The character between key parts (`:` in `user:42:profile`).' },
        casing: { enum: ['lower', 'any'], description: '`lower`: literal parts of a key may not contain upper-case letters; `any`: no casing check.' },
        maxPrefixLength: { type: 'integer', minimum: 1, description: 'The longest literal text allowed before the first run-time part of a key (or in a constant key).' },
        ignoreTestFiles: IGNORE_TEST_FILES_OPTION,
      },
      additionalProperties: false,
    },
    defaultOptions: { separator: ':', casing: 'lower', maxPrefixLength: 40, ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: false,
  },
  create(context) {
    const { separator, casing, maxPrefixLength } = context.options;
    const reported = new Set<string>();
    return {
      onEnd() {
        for (const { key, call } of keysWrittenHere(context.sourceFile, context.model.calls)) {
          // A name is wrong once, wherever it is used: report its first use in the file.
          if (!key.hasTextPart || reported.has(key.signature)) continue;
          const problem = problemOf(key, separator, casing, maxPrefixLength);
          if (!problem) continue;
          reported.add(key.signature);
          context.report({ node: key.node, messageId: problem.messageId, data: { key: key.display, separator, max: maxPrefixLength, ...problem.data }, keys: [{ key, command: call.command }] });
        }
      },
    };
  },
});

function problemOf(key: KeyPattern, separator: string, casing: Options['casing'], maxPrefixLength: number): { messageId: MessageIds; data?: Record<string, string | number> } | undefined {
  const texts = key.parts.flatMap((part) => (part.kind === 'text' ? [part.value] : []));
  if (texts.some((text) => /\s/.test(text))) return { messageId: 'whitespace' };
  for (let index = 0; index < key.parts.length - 1; index++) {
    const part = key.parts[index]!;
    const next = key.parts[index + 1]!;
    if (part.kind !== 'text' || next.kind !== 'dynamic' || part.value.endsWith(separator) || part.value.endsWith('{')) continue;
    const found = SEPARATOR_LIKE.exec(part.value)?.[0];
    if (!found || found === separator || (WORD_JOINERS.has(found) && texts.some((text) => text.includes(separator)))) continue;
    return { messageId: 'separator', data: { found } };
  }
  if (casing === 'lower' && texts.some((text) => /[A-Z]/.test(text))) return { messageId: 'casing' };
  const [first] = key.parts;
  const prefix = first?.kind === 'text' ? first.value : '';
  if (prefix.length > maxPrefixLength) return { messageId: 'longPrefix', data: { length: prefix.length } };
  return undefined;
}
