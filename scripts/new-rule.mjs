// `npm run new-rule -- <id>`: writes a rule, its docs page and a fixture project with one `ruleid` and
// one `ok` site, lists the rule in the engine's index, then builds and regenerates what is derived
// from the rules (the config schema, the ESLint rule table, the README). As eslint-plugin-regexp's
// `new-rule` does; CONTRIBUTING's "Add a rule" starts here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const id = process.argv[2];

if (process.argv.length !== 3 || !/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(id)) {
  process.stderr.write('Usage: npm run new-rule -- <rule-id>   (kebab-case, verb first: no-…, require-…, prefer-…)\n');
  process.exit(2);
}

const camel = (words) => words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
const words = id.split('-');
const identifier = camel(words);
// Message ids are camelCase nouns for the problem: `no-keys-command` → `keysCommand`.
const messageId = camel(['no', 'require', 'prefer'].includes(words[0]) ? words.slice(1) : words);

const files = {
  rule: `packages/analyzer/src/rules/${id}.ts`,
  docs: `docs/rules/${id}.md`,
  fixturePackage: `fixtures/${id}/package.json`,
  fixtureTsconfig: `fixtures/${id}/tsconfig.json`,
  fixture: `fixtures/${id}/src/${id}.ts`,
};
const taken = Object.values(files).filter((file) => existsSync(path.join(root, file)));
if (taken.length > 0) {
  process.stderr.write(`new-rule: ${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}; pick another id.\n`);
  process.exit(2);
}

const ruleSource = `import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';

type MessageIds = '${messageId}';
interface Options {
  ignoreTestFiles: boolean;
}

export default defineRule<MessageIds, Options>({
  id: '${id}',
  meta: {
    description: 'TODO: what the rule reports, in one sentence.',
    recommended: false,
    strict: false,
    messages: {
      ${messageId}: 'TODO: the Redis problem, then the remedy, in one sentence (never a secret).',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: false,
  },
  create(context) {
    return {
      onRedisCall(call) {
        // TODO: report the calls the rule is about (what detection knows is on RedisCall and FileModel), e.g.
        // if (call.command === 'KEYS') context.report({ range: callRange(call), messageId: '${messageId}' });
      },
    };
  },
});
`;

const docsPage = `# ${id}

TODO: what the rule reports, in one sentence (its \`meta.description\`).

Opt-in (only in \`all\`) · no fix

## Why

TODO: the Redis problem, the guide or incident that shows it, and what the rule does not report.

## Options

| Option | Type | Default | Description |
|---|---|---|---|
| \`ignoreTestFiles\` | \`boolean\` | \`true\` | Do not report in test files and scripts (\`*.test.ts\`, \`*.spec.ts\`, \`test/\`, \`__tests__/\`, \`scripts/\`). |

## ❌ Incorrect

## ✅ Correct

## When not to use it

TODO

## Version notes

TODO: the client or Redis versions the rule's advice depends on, or "None".
`;

const fixtureSource = `// Cases for ${id}: \`// ruleid: ${id}\` above each site it must report, \`// ok: ${id}\` above each it must
// leave alone. Replace these two with real ones (or move them into the project where such code lives).
import { Redis } from 'ioredis';

export const redis = new Redis({ commandTimeout: 1_000 });
redis.on('error', (error: Error) => console.error(error));

export async function reported(id: string): Promise<string | null> {
  // ruleid: ${id}
  return redis.get(\`profile:\${id}\`);
}

export async function leftAlone(id: string): Promise<string | null> {
  // ok: ${id}
  return redis.get(\`profile:\${id}\`);
}
`;

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
const fixtureTsconfig = {
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
  include: ['src'],
};

function write(file, text) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
  console.log(`wrote ${file}`);
}

/** Adds the rule's import and its entry to rules/index.ts, both in id order. */
function listInIndex() {
  const file = 'packages/analyzer/src/rules/index.ts';
  const text = readFileSync(path.join(root, file), 'utf8');
  const imports = [...text.matchAll(/^import (\w+) from '\.\/([\w-]+)\.js';\n/gm)];
  const list = /^( {2}\[)([^\]]*)(\] as unknown as RuleDefinition\[\])$/m.exec(text);
  if (imports.length === 0 || !list) throw new Error(`${file}: the import lines or the rule list are not where new-rule expects them.`);
  const entries = [...imports.map((match) => ({ name: match[1], id: match[2] })), { name: identifier, id }].sort((a, b) => a.id.localeCompare(b.id));
  const importBlock = entries.map((entry) => `import ${entry.name} from './${entry.id}.js';\n`).join('');
  const first = imports[0].index;
  const last = imports.at(-1);
  let updated = text.slice(0, first) + importBlock + text.slice(last.index + last[0].length);
  updated = updated.replace(list[0], `${list[1]}${entries.map((entry) => entry.name).join(', ')}${list[3]}`);
  writeFileSync(path.join(root, file), updated);
  console.log(`listed ${id} in ${file}`);
}

/** The fixtures' config names the rule unless it already extends `all`. */
function enableInFixturesConfig() {
  const file = 'fixtures/redis-lint.config.json';
  const config = JSON.parse(readFileSync(path.join(root, file), 'utf8'));
  if ([config.extends].flat().includes('all')) {
    console.log(`${file} extends "all": ${id} is on there already`);
    return;
  }
  config.rules = { ...config.rules, [id]: 'error' };
  writeFileSync(path.join(root, file), json(config));
  console.log(`turned ${id} on in ${file}`);
}

/** A row for the new project in the fixtures' README table. */
function describeFixture() {
  const file = 'fixtures/README.md';
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const lastRow = lines.findLastIndex((line) => line.startsWith('| `'));
  lines.splice(lastRow + 1, 0, `| \`${id}/\` | the cases of \`${id}\` (ioredis) | typed |`);
  writeFileSync(path.join(root, file), lines.join('\n'));
}

write(files.rule, ruleSource);
listInIndex();
write(files.docs, docsPage);
write(files.fixturePackage, json({ name: `fixture-${id}`, private: true, type: 'module', description: `The cases of the ${id} rule.`, dependencies: { ioredis: '^5.11.1' } }));
write(files.fixtureTsconfig, json(fixtureTsconfig));
write(files.fixture, fixtureSource);
describeFixture();
enableInFixturesConfig();

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
for (const [command, args] of [
  [npm, ['run', 'build', '--silent']],
  [npm, ['run', 'schema', '--silent', '-w', 'packages/cli']],
  [process.execPath, ['packages/eslint-plugin/scripts/rule-table.mjs', '--write']],
  [process.execPath, ['scripts/readme-includes.mjs', '--write']],
]) {
  console.log(`> ${path.basename(command)} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
}

console.log(`
${id} is built and listed. Next (CONTRIBUTING.md, "Add a rule"):
  - ${files.fixture}: the sites it must report and those it must leave alone
  - ${files.rule}: description, messages, options; subscribe to onRedisCall, onClientCreated, onScript or onEnd
  - ${files.docs}: the ❌ and ✅ examples (a test runs them) and the TODOs
  - npm run build && node packages/eslint-plugin/scripts/rule-table.mjs --write && node scripts/readme-includes.mjs --write
  - npm test, or first: npx vitest run packages/analyzer/test/fixtures.test.ts packages/cli/test/fixtures.test.ts packages/eslint-plugin/test/fixtures-parity.test.ts packages/language-server/test/fixtures.test.ts`);
