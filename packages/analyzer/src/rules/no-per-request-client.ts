import { libraryLabel } from '../detect/client-label.js';
import { whereText } from '../detect/where.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { constructionRange } from '../fix/construction-range.js';

type MessageIds = 'clientPerRequest';
interface Options {
  ignoreTestFiles: boolean;
}

export default defineRule<MessageIds, Options>({
  id: 'no-per-request-client',
  meta: {
    description: 'Disallow creating a Redis connection per request or per loop iteration instead of reusing one.',
    recommended: true,
    strict: true,
    messages: {
      clientPerRequest:
        'This {{library}} client is created{{where}}, so every run opens a new connection until Redis hits maxclients; create it once at module scope (or memoize it) and reuse it.',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: false,
    // Constructions only.
    commands: [],
  },
  create(context) {
    return {
      onClientCreated(site) {
        // @upstash/redis speaks HTTP: a client object holds no connection.
        if (site.library === 'upstash') return;
        if (!site.context.hotPath && !site.context.inLoop) return;
        if (site.storage === 'module' || site.storage === 'memoized') return;
        context.report({
          range: constructionRange(site),
          messageId: 'clientPerRequest',
          data: { library: libraryLabel(site.library), where: whereText(site.context) },
        });
      },
    };
  },
});
