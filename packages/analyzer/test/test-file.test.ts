import { describe, expect, it } from 'vitest';
import { isTestFile } from '@redis-lint/analyzer';

describe('isTestFile', () => {
  it.each([
    'src/cache.test.ts',
    'index_test.ts',
    'test/worker.ts',
    'scripts/reset-dev.ts',
    'doctests/dt-streams.js',
    'packages/test-utils/lib/index.ts',
    'vitest.node-redis.setup.ts',
    'jest.setup.js',
    'src/setupTests.ts',
    'e2e/global-setup.ts',
    'web/src/__e2e__/api.servertest.ts',
    'web/src/__e2e__/seed.ts',
    'apps/api/src/app.e2e-spec.ts',
    'lib/queue.integration-test.ts',
    'packages/modules/cache-redis/integration-tests/utils/database.ts',
    'server/e2e_tests/helpers.js',
  ])('counts %s as test code', (file) => {
    expect(isTestFile(file)).toBe(true);
  });

  it.each(['src/setup.ts', 'src/app.setup-routes.ts', 'src/testimonials.ts', 'src/latest.ts', 'lib/attestation/store.ts', 'src/routes/contest.ts', 'src/manifest.ts', 'src/api/latest-spec-sheet.ts', 'src/integrations/slack/cache.ts', 'lib/integration/queue.ts'])('counts %s as application code', (file) => {
    expect(isTestFile(file)).toBe(false);
  });
});
