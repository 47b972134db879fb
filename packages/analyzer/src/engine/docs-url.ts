export const REPOSITORY_URL = 'https://github.com/redis-lint/redis-lint';

/** The rule's documentation page: the ESLint docs URL, the LSP code link and the SARIF helpUri. */
export function docsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
