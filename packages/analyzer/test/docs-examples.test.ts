import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeText, rules, type ClientVersions } from '@redis-lint/analyzer';

const DOCS_DIR = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));
const REQUIRED_SECTIONS = ['## Why', '## Options', '## ❌ Incorrect', '## ✅ Correct', '## When not to use it', '## Version notes'];

interface Example {
  kind: 'incorrect' | 'correct';
  /** 1-based line of the opening fence, for failure messages. */
  line: number;
  code: string;
  fileName: string;
  options: Record<string, unknown> | undefined;
  versions: ClientVersions | undefined;
}

/**
 * The fenced ts/js blocks of the ❌ and ✅ sections. HTML comments right above a block configure it:
 * `<!-- options: {"allowKeys": ["config:*"]} -->`, `<!-- file: app/api/users/route.ts -->`,
 * `<!-- versions: {"redis": "6.2.1"} -->`.
 */
function examplesOf(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let section: Example['kind'] | undefined;
  let directives: Record<string, string> = {};
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.startsWith('## ')) {
      section = line.startsWith('## ❌') ? 'incorrect' : line.startsWith('## ✅') ? 'correct' : undefined;
      directives = {};
      continue;
    }
    const directive = /^<!--\s*(options|file|versions):\s*(.*?)\s*-->$/.exec(line);
    if (directive) {
      directives[directive[1]!] = directive[2]!;
      continue;
    }
    const fence = /^```(ts|js|typescript|javascript)\s*$/.exec(line);
    if (fence && section) {
      const start = index;
      const body: string[] = [];
      for (index++; index < lines.length && lines[index] !== '```'; index++) body.push(lines[index]!);
      const extension = fence[1]!.startsWith('j') ? 'js' : 'ts';
      examples.push({
        kind: section,
        line: start + 1,
        code: body.join('\n') + '\n',
        fileName: directives.file ?? `src/example-${start + 1}.${extension}`,
        options: directives.options ? (JSON.parse(directives.options) as Record<string, unknown>) : undefined,
        versions: directives.versions ? (JSON.parse(directives.versions) as ClientVersions) : undefined,
      });
      directives = {};
      continue;
    }
    if (line.trim() !== '') directives = {};
  }
  return examples;
}

const pages = fs
  .readdirSync(DOCS_DIR)
  .filter((name) => name.endsWith('.md'))
  .map((name) => name.slice(0, -3))
  .sort();

describe('rule docs', () => {
  it('has one page per rule and one rule per page', () => {
    expect(pages).toEqual(rules.map((rule) => rule.id).sort());
  });

  for (const id of pages) {
    describe(id, () => {
      const markdown = fs.readFileSync(`${DOCS_DIR}${id}.md`, 'utf8');
      const examples = examplesOf(markdown);

      it('has the title, the sections, and examples both ways', () => {
        expect(markdown.split('\n')[0]).toBe(`# ${id}`);
        expect(REQUIRED_SECTIONS.filter((section) => !markdown.includes(`\n${section}`))).toEqual([]);
        expect(examples.filter((example) => example.kind === 'incorrect').length).toBeGreaterThan(0);
        expect(examples.filter((example) => example.kind === 'correct').length).toBeGreaterThan(0);
      });

      it('lists every option of the rule schema with its default', () => {
        const rule = rules.find((candidate) => candidate.id === id);
        const defaults = (rule?.meta.defaultOptions ?? {}) as Record<string, unknown>;
        const documented = Object.keys(rule?.meta.schema.properties ?? {}).map((option) => {
          const row = markdown.split('\n').find((line) => line.startsWith(`| \`${option}\` |`));
          return [option, row?.split(' | ')[2] ?? 'no row'];
        });
        const expected = Object.keys(rule?.meta.schema.properties ?? {}).map((option) => [option, `\`${JSON.stringify(defaults[option])}\``]);
        expect(documented).toEqual(expected);
      });

      for (const example of examples) {
        const title = `${example.kind === 'incorrect' ? '❌' : '✅'} block at line ${example.line} ${example.kind === 'incorrect' ? 'reports' : 'does not report'} ${id}`;
        it(title, () => {
          const setting = example.options ? (['error', example.options] as ['error', Record<string, unknown>]) : 'error';
          const findings = analyzeText(example.fileName, example.code, { rules: { [id]: setting } }, example.versions).filter((finding) => finding.ruleId === id);
          if (example.kind === 'incorrect') expect(findings.length, `no ${id} finding in:\n${example.code}`).toBeGreaterThan(0);
          else expect(findings.map((finding) => `${finding.messageId} at ${finding.start}: ${finding.message}`)).toEqual([]);
        });
      }
    });
  }
});
