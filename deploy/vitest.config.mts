import path from 'node:path';

import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');

/**
 * The deployment tests: they need a build (`npm run build`), so `npm test` runs them after
 * building, apart from the unit tests: `npx vitest run --config deploy/vitest.config.mts`.
 */
export default defineConfig({
  root,
  resolve: { alias: { '@': root, 'server-only': path.join(root, 'lib/test/server-only-stub.ts') } },
  test: {
    include: ['deploy/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
