import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { callRange } from '../fix/call-range.js';

type MessageIds = 'jsonReadModifyWrite';
interface Options {
  ignoreTestFiles: boolean;
}

export default defineRule<MessageIds, Options>({
  id: 'prefer-hash-over-json',
  meta: {
    description: 'Prefer a hash over a JSON string for objects that code reads, changes and writes back.',
    recommended: false,
    strict: false,
    messages: {
      jsonReadModifyWrite:
        'This rewrites the whole JSON document at {{key}} after reading and parsing it, so concurrent updates overwrite each other and every change moves the whole value; keep the object in a hash and change fields with HSET or HINCRBY.',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: false,
  },
  create(context) {
    return {
      onEnd() {
        for (const trip of context.model.jsonRoundTrips) {
          context.report({ range: callRange(trip.write), messageId: 'jsonReadModifyWrite', data: { key: trip.write.keys[0]!.display }, keys: [{ key: trip.write.keys[0]!, command: trip.write.command }] });
        }
      },
    };
  },
});
