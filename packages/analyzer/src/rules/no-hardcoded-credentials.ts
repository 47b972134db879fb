import ts = require('typescript');
import { propertyPath } from '../detect/client-options.js';
import type { ClientSite } from '../detect/client-site.js';
import { isPlaceholder, secretLiteral, urlPassword } from '../detect/secret-literal.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';

type MessageIds = 'hardcodedPassword' | 'hardcodedUsername' | 'hardcodedToken' | 'passwordInUrl' | 'hardcodedAuth' | 'useEnvironment';
interface Options {
  ignoreTestFiles: boolean;
}

interface CredentialField {
  path: string[];
  messageId: MessageIds;
  env: string;
}

export default defineRule<MessageIds, Options>({
  id: 'no-hardcoded-credentials',
  meta: {
    description: 'Disallow Redis passwords, usernames, tokens and credential-bearing URLs written into source code.',
    recommended: true,
    strict: true,
    messages: {
      hardcodedPassword: 'A Redis password is written into the source, where everyone with the code can read it; load it from the environment or a secret store.',
      hardcodedUsername: 'A Redis ACL username is written into the source next to its credentials; load it from the environment or a secret store.',
      hardcodedToken: 'An Upstash REST token is written into the source, and it grants full access to the database; load it from the environment or a secret store.',
      passwordInUrl: 'This Redis URL carries a password in the source, where everyone with the code can read it; load the URL from the environment or a secret store.',
      hardcodedAuth: 'AUTH is sent with a password written into the source; load it from the environment or a secret store.',
      useEnvironment: 'Read it from {{env}}.',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: true,
    commands: ['AUTH'],
  },
  create(context) {
    const detection = context.model.context;
    const reported = new Set<ts.Node>();

    const check = (expression: ts.Expression | undefined, messageId: MessageIds, env: string, allowDefault = false): void => {
      if (!expression) return;
      const found = secretLiteral(expression, detection);
      if (!found || reported.has(found.literal)) return;
      const value = found.literal.text;
      if (isPlaceholder(value) || (allowDefault && value === 'default')) return;
      if (messageId === 'passwordInUrl') {
        const password = urlPassword(value);
        if (!password) return;
      }
      reported.add(found.literal);
      const inline = found.replaced.getSourceFile() === context.sourceFile;
      context.report({
        node: found.literal,
        messageId,
        suggest: inline ? [{ messageId: 'useEnvironment', data: { env }, edits: [{ start: found.replaced.getStart(), end: found.replaced.getEnd(), text: env }] }] : undefined,
      });
    };

    const checkSite = (site: ClientSite): void => {
      for (const positional of site.positional) check(positional, 'passwordInUrl', 'process.env.REDIS_URL!');
      if (!site.options) return;
      for (const field of fieldsFor(site)) check(propertyPath(site.options, field.path, detection).value, field.messageId, field.env, field.messageId === 'hardcodedUsername');
    };

    return {
      onClientCreated: checkSite,
      onRedisCall(call) {
        if (call.command !== 'AUTH') return;
        const password = call.args.at(-1);
        if (password) check(password.node, 'hardcodedAuth', 'process.env.REDIS_PASSWORD!');
      },
    };
  },
});

function fieldsFor(site: ClientSite): CredentialField[] {
  const password: CredentialField = { path: ['password'], messageId: 'hardcodedPassword', env: 'process.env.REDIS_PASSWORD' };
  const username: CredentialField = { path: ['username'], messageId: 'hardcodedUsername', env: 'process.env.REDIS_USERNAME' };
  const url: CredentialField = { path: ['url'], messageId: 'passwordInUrl', env: 'process.env.REDIS_URL' };
  if (site.library === 'upstash') return [{ path: ['token'], messageId: 'hardcodedToken', env: 'process.env.UPSTASH_REDIS_REST_TOKEN!' }];
  // GLIDE (2.5.2) takes `credentials: { username, password }` and no URL.
  if (site.library === 'valkey-glide') return [password, username].map((field) => ({ ...field, path: ['credentials', ...field.path], env: `${field.env}!` }));
  if (site.library === 'ioredis' && site.kind === 'cluster') return [password, username].map((field) => ({ ...field, path: ['redisOptions', ...field.path] }));
  if (site.library === 'node-redis' && site.kind === 'cluster') return [password, username, url].map((field) => ({ ...field, path: ['defaults', ...field.path] }));
  // node-redis 2 and 3 also take the password as `auth_pass`, its older name.
  if (site.library === 'node-redis') return [password, { ...password, path: ['auth_pass'] }, username, url];
  return [password, username, url];
}
