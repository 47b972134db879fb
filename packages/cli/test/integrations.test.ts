import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { REPO_ROOT } from './cli-process.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  types_or?: string[];
  pass_filenames?: boolean;
}
interface CompositeAction {
  runs: { using: string; steps: Array<{ id?: string; run?: string; uses?: string; with?: Record<string, string> }> };
  inputs: Record<string, { default?: string }>;
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares a redis-lint hook that receives the staged file names', () => {
    const hooks = yaml.load(fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    expect(hooks.map((hook) => hook.id)).toEqual(['redis-lint']);
    const hook = hooks[0]!;
    expect({ entry: hook.entry, language: hook.language, passesFilenames: hook.pass_filenames ?? true }).toEqual({ entry: 'redis-lint', language: 'node', passesFilenames: true });
    expect(hook.types_or).toEqual(['ts', 'tsx', 'javascript', 'jsx']);
  });
});

describe('action.yml', () => {
  it('is a composite action that runs the CLI with --format sarif --output-file and uploads the file', () => {
    const action = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as CompositeAction;
    expect(action.runs.using).toBe('composite');
    const lint = action.runs.steps.find((step) => step.id === 'lint');
    expect(lint?.run).toContain('--format sarif --output-file "$REDIS_LINT_SARIF"');
    const upload = action.runs.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with).toEqual({ sarif_file: '${{ inputs.sarif-file }}', category: 'redis-lint' });
    expect(action.inputs['sarif-file']?.default).toBe('redis-lint.sarif');
  });
});
