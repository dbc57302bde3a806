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
const exclude = ['node_modules/**', '.next/**', '.data/**', 'e2e/**', 'lib/generated/**']

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
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: unitInclude, exclude: [...exclude, ...dbInclude], environment: 'node' },
      },
      dbProject('db-embedded', 'test/global-setup-embedded.ts'),
      ...(process.env.TEST_DATABASE_URL ? [dbProject('db-postgres', 'test/global-setup-postgres.ts')] : []),
    ],
  },
})
