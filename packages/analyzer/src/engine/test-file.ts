/** Test-runner set-up files (`vitest.setup.ts`, `jest.setup.js`, `setupTests.ts`), which often flush a test database. */
const TEST_SETUP = /(^|\/)((vitest|jest|test|tests|e2e)[\w.-]*\.setup[\w.-]*|setupTests|globalSetup|global-setup)\.[cm]?[jt]sx?$/;

/** Test and script files, where rules with an `ignoreTestFiles` option may stay quiet. */
export function isTestFile(fileName: string): boolean {
  const path = fileName.replace(/\\/g, '/');
  return /(^|\/)(__tests__|__mocks__|mocks|test[\w-]*|spec|e2e|scripts?|doctests?|test-?utils?|test-?helpers?|testcontainers)\//.test(path) || /[._](test|spec|e2e)\.[cm]?[jt]sx?$/.test(path) || TEST_SETUP.test(path);
}
