import { clientScripts } from '../detect/client-scripts.js';
import { luaKeyAccesses, type LuaKeyOrigin } from '../detect/lua-key-access.js';
import type { LuaScript } from '../detect/lua-script.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';

type MessageIds = 'literalKey' | 'argvKey' | 'builtKey';
interface Options {
  ignoreTestFiles: boolean;
}

const MESSAGE_OF: Partial<Record<LuaKeyOrigin, MessageIds>> = { literal: 'literalKey', argv: 'argvKey', built: 'builtKey' };

export default defineRule<MessageIds, Options>({
  id: 'lua-declared-keys',
  meta: {
    description: 'Require Lua scripts to receive every key they touch in KEYS instead of naming or building keys inside the script.',
    recommended: false,
    strict: true,
    messages: {
      literalKey:
        'This script calls {{command}} on the key {{expression}} named inside the script, so Redis Cluster cannot route the script to that key\'s slot and fails with CROSSSLOT or a wrong-slot error; pass the key in KEYS and read it as KEYS[i].',
      argvKey:
        'This script calls {{command}} on a key passed in {{expression}} instead of KEYS, so Redis Cluster routes the script without that key and fails when it lives on another slot; pass the key in KEYS and read it as KEYS[i].',
      builtKey:
        'This script builds the key {{expression}} for {{command}} inside the script, so Redis Cluster cannot route the script to that key\'s slot and fails when it lives on another slot; build the key in the caller and pass it in KEYS.',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: false },
    fixable: false,
    hasSuggestions: false,
  },
  create(context) {
    const check = (script: LuaScript): void => {
      for (const access of luaKeyAccesses(script, context.model.context)) {
        const messageId = MESSAGE_OF[access.origin];
        if (!messageId) continue;
        context.report({ range: access.range, messageId, data: { command: access.command, expression: access.expression } });
      }
    };
    return {
      onClientCreated(site) {
        for (const script of clientScripts(site, context.model.context)) check(script);
      },
      onScript: check,
    };
  },
});
