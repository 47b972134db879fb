import type ts from 'typescript';
import type { Finding, RelatedLocation, Suggestion, TextEdit } from './finding.js';
import type { FileModel } from '../detect/file-model.js';
import type { ClientSite } from '../detect/client-site.js';
import type { RedisCall } from '../detect/redis-call.js';
import type { LuaScript } from '../detect/lua-script.js';
import type { WrapperCall } from '../detect/round-trip-wrappers.js';
import type { ClientVersions } from './client-versions.js';
import type { KeyUse } from './finding-key.js';

/** A JSON schema (draft-07 subset) for one rule's options object. */
export interface OptionsSchema {
  type: 'object';
  properties: Record<string, { description: string; [key: string]: unknown }>;
  additionalProperties: false;
}

export interface RuleMeta<MessageIds extends string, Options> {
  /** One sentence: what the rule reports. */
  description: string;
  /** Part of the `recommended` config. Adding a rule to it is a breaking change. */
  recommended: boolean;
  /** Part of the `strict` config (every recommended rule is strict too). */
  strict: boolean;
  messages: Record<MessageIds, string>;
  schema: OptionsSchema;
  defaultOptions: Options;
  fixable: boolean;
  hasSuggestions: boolean;
  /**
   * The commands whose calls the rule reads (`onRedisCall`, `model.calls`). Detection then asks the
   * checker about no receiver of another command's call for it (`user.save()`, `map.get(id)`),
   * which is most of typed detection's time on a large codebase. Calls in a pipeline or
   * transaction, and calls carrying a script, are read whatever is listed. Omitted: every command.
   */
  commands?: readonly string[];
}

export interface ReportDescriptor<MessageIds extends string> {
  node?: ts.Node;
  /** Explicit range; wins over `node`. */
  range?: readonly [number, number];
  messageId: MessageIds;
  data?: Record<string, string | number>;
  fix?: TextEdit[] | undefined;
  suggest?: Array<{ messageId: MessageIds; data?: Record<string, string | number>; edits: TextEdit[] }>;
  /** The keys the finding is about; those whose pattern can be stated become `Finding.keys`. */
  keys?: readonly KeyUse[];
  /** Other places the finding is about: the command inside the wrapper a reported call goes through. */
  related?: RelatedLocation[];
}

export interface RuleContext<MessageIds extends string, Options> {
  readonly options: Options;
  readonly sourceFile: ts.SourceFile;
  readonly model: FileModel;
  /** Every client of the engine config counts as a cluster client. */
  readonly clusterByConfig: boolean;
  readonly clientVersions: ClientVersions;
  readonly isTestFile: boolean;
  /** Typed mode: whether another file of the program imports this one; undefined without a program. */
  readonly importedByOthers: boolean | undefined;
  /** Typed mode: the models of the files that import this one or that it imports, directly or not; none without a program. */
  linkedModels(): readonly FileModel[];
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

/** The domain events a rule subscribes to; rules never walk the AST themselves. */
export interface RuleListener {
  onClientCreated?(client: ClientSite): void;
  onRedisCall?(call: RedisCall): void;
  onScript?(script: LuaScript): void;
  /** An awaited call in a loop of a function (or job queue) that waits for one Redis round trip. */
  onWrapperCall?(call: WrapperCall): void;
  onEnd?(): void;
}

export interface RuleDefinition<MessageIds extends string = string, Options = Record<string, unknown>> {
  id: string;
  meta: RuleMeta<MessageIds, Options>;
  create(context: RuleContext<MessageIds, Options>): RuleListener;
}

/** The option every rule has: stay quiet in test files and scripts (see `isTestFile`). */
export const IGNORE_TEST_FILES_OPTION = {
  type: 'boolean',
  description: 'Do not report in test files and scripts (`*.test.ts`, `*.spec.ts`, `test/`, `__tests__/`, `__mocks__/`, `e2e/`, `test-utils/`, `testcontainers/`, `scripts/`).',
} as const;

/** The schema of a rule whose only option is `ignoreTestFiles`. */
export const IGNORE_TEST_FILES_ONLY: OptionsSchema = {
  type: 'object',
  properties: { ignoreTestFiles: IGNORE_TEST_FILES_OPTION },
  additionalProperties: false,
};

export function defineRule<MessageIds extends string, Options>(
  rule: RuleDefinition<MessageIds, Options>,
): RuleDefinition<MessageIds, Options> {
  return rule;
}

export type { Suggestion };
