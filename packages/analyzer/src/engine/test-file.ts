/** Test-runner set-up files (`vitest.setup.ts`, `jest.setup.js`, `setupTests.ts`), which often flush a test database. */
const TEST_SETUP = /(^|\/)((vitest|jest|test|tests|e2e)[\w.-]*\.setup[\w.-]*|setupTests|globalSetup|global-setup)\.[cm]?[jt]sx?$/;

const TEST_FOLDER = /(^|\/)(__(tests?|mocks|e2e|specs?|fixtures)__|mocks|test[\w-]*|spec|e2e|(integration|e2e|unit|functional|acceptance)[-_]?tests?|scripts?|doctests?|test-?utils?|test-?helpers?|testcontainers)\//;
/** `x.test.ts`, `x.e2e.ts`, and the kinds of test projects name (`api.servertest.ts`, `app.e2e-spec.ts`, `x.integration-test.ts`). */
const TEST_SUFFIX = /[._-]((server|client|integration|int|unit|e2e|api|browser|node|dom|functional|func|smoke|component)[-_]?)?(test|spec|e2e)\.[cm]?[jt]sx?$/;

/** Test and script files, where rules with an `ignoreTestFiles` option may stay quiet. */
export function isTestFile(fileName: string): boolean {
  const path = fileName.replace(/\\/g, '/');
  return TEST_FOLDER.test(path) || TEST_SUFFIX.test(path) || TEST_SETUP.test(path);
}
