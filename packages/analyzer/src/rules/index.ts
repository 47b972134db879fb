import type { RuleDefinition } from '../engine/rule.js';
import keyNaming from './key-naming.js';
import luaDeclaredKeys from './lua-declared-keys.js';
import noBlockingOnSharedClient from './no-blocking-on-shared-client.js';
import noCrossslot from './no-crossslot.js';
import noFlush from './no-flush.js';
import noHardcodedCredentials from './no-hardcoded-credentials.js';
import noHotHashTag from './no-hot-hash-tag.js';
import noKeysCommand from './no-keys-command.js';
import noPerRequestClient from './no-per-request-client.js';
import noUnboundedReads from './no-unbounded-reads.js';
import preferHashOverJson from './prefer-hash-over-json.js';
import preferPipeline from './prefer-pipeline.js';
import requireErrorListener from './require-error-listener.js';
import requireLockTtl from './require-lock-ttl.js';
import requireStreamMaxlen from './require-stream-maxlen.js';
import requireTimeouts from './require-timeouts.js';
import requireTls from './require-tls.js';
import requireTtl from './require-ttl.js';
import safeLockRelease from './safe-lock-release.js';

/** Every rule, in id order. A test checks this list against the files in this folder. */
export const rules: readonly RuleDefinition[] = (
  [keyNaming, luaDeclaredKeys, noBlockingOnSharedClient, noCrossslot, noFlush, noHardcodedCredentials, noHotHashTag, noKeysCommand, noPerRequestClient, noUnboundedReads, preferHashOverJson, preferPipeline, requireErrorListener, requireLockTtl, requireStreamMaxlen, requireTimeouts, requireTls, requireTtl, safeLockRelease] as unknown as RuleDefinition[]
).sort((a, b) => a.id.localeCompare(b.id));

export function ruleById(id: string): RuleDefinition | undefined {
  return rules.find((rule) => rule.id === id);
}
