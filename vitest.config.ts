import { defineConfig } from 'vitest/config';

const shared = {
  exclude: ['**/node_modules/**', '**/fixtures/**', 'dist/**'],
  testTimeout: 60_000,
  hookTimeout: 180_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['src/**/*.test.ts'] } },
      { test: { ...shared, name: 'integration', include: ['test/**/*.test.ts'], exclude: [...shared.exclude, 'test/e2e/**'] } },
      // End-to-end tests run the built binary: build once before them.
      { test: { ...shared, name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/support/global-setup.ts'] } },
    ],
  },
});
