import type { RuleDefinition } from '../engine/rule.js';
import noCrossslot from './no-crossslot.js';
import noFlush from './no-flush.js';
import noHardcodedCredentials from './no-hardcoded-credentials.js';
import noKeysCommand from './no-keys-command.js';
import noPerRequestClient from './no-per-request-client.js';
import noUnboundedReads from './no-unbounded-reads.js';
import preferPipeline from './prefer-pipeline.js';
import requireErrorListener from './require-error-listener.js';
import requireLockTtl from './require-lock-ttl.js';
import requireStreamMaxlen from './require-stream-maxlen.js';
import requireTimeouts from './require-timeouts.js';
import requireTtl from './require-ttl.js';
import safeLockRelease from './safe-lock-release.js';

/** Every rule, in id order. A test checks this list against the files in this folder. */
export const rules: readonly RuleDefinition[] = (
  [noCrossslot, noFlush, noHardcodedCredentials, noKeysCommand, noPerRequestClient, noUnboundedReads, preferPipeline, requireErrorListener, requireLockTtl, requireStreamMaxlen, requireTimeouts, requireTtl, safeLockRelease] as unknown as RuleDefinition[]
).sort((a, b) => a.id.localeCompare(b.id));

export function ruleById(id: string): RuleDefinition | undefined {
  return rules.find((rule) => rule.id === id);
}
