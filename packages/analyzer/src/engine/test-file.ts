/** Test and script files, where rules with an `ignoreTestFiles` option may stay quiet. */
export function isTestFile(fileName: string): boolean {
  const path = fileName.replace(/\\/g, '/');
  return /(^|\/)(__tests__|__mocks__|tests?|spec|e2e|scripts?|doctests?|test-utils?)\//.test(path) || /\.(test|spec|e2e)\.[cm]?[jt]sx?$/.test(path);
}
