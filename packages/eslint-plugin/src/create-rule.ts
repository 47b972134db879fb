import { ESLintUtils } from '@typescript-eslint/utils';
import { docsUrl } from '@redis-lint/analyzer';

/** Extra `meta.docs` fields of every redis-lint ESLint rule (read by configs and the rule table). */
export interface RedisLintDocs {
  recommended: boolean;
  strict: boolean;
}

/** Every rule's docs URL is derived from its name, never typed by hand. */
export const createRule = ESLintUtils.RuleCreator<RedisLintDocs>(docsUrl);
