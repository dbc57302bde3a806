import path from 'node:path'
import { defineConfig } from 'vitest/config'

const root = import.meta.dirname
const alias = {
  '@': root,
  // `server-only` throws outside React Server Components; tests run server modules directly.
  'server-only': path.join(root, 'test/empty-module.ts'),
}
const unitInclude = ['**/*.test.ts', '**/*.test.tsx']
const dbInclude = ['**/*.db.test.ts']
const exclude = ['node_modules/**', '.next/**', '.next-*/**', '.data/**', '.bench/**', 'e2e/**', 'lib/generated/**']

const dbProject = (name: string, globalSetup: string) => ({
  resolve: { alias },
  test: {
    name,
    include: dbInclude,
    exclude,
    environment: 'node',
    globalSetup: [globalSetup],
    setupFiles: ['test/setup-db.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

export default defineConfig({
  test: {
    // Two files at a time, also on a 2-core machine (where Vitest's default is one): a file spends much of its
    // time importing modules or waiting for PostgreSQL, so two halve the wall-clock time. Integration tests
    // share one database, so each makes its own records and counts only those.
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: unitInclude, exclude: [...exclude, ...dbInclude], environment: 'node' },
      },
      // Integration tests run on a real PostgreSQL either way: TEST_DATABASE_URL when set (CI's PostgreSQL
      // service), otherwise an embedded server started once per run. The embedded default itself is covered
      // in CI by scripts/lib/embedded.test.ts, the soak test and the second end-to-end server.
      process.env.TEST_DATABASE_URL
        ? dbProject('db-postgres', 'test/global-setup-postgres.ts')
        : dbProject('db-embedded', 'test/global-setup-embedded.ts'),
    ],
  },
})
