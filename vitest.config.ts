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
/**
 * Integration tests that read shared data: notification channels (every enabled channel takes every
 * incident of its severity, so an alert another file sends at the same moment lands in their counts), the
 * demo seed, whole-database backups and restores. `npm run test:unit` runs the rest two files at a time
 * (VITEST_SOLO=0), then these one at a time (VITEST_SOLO=1). Without VITEST_SOLO everything runs, two at a
 * time (handy for a few files).
 */
const SOLO = [
  'lib/notifications/**/*.db.test.ts',
  'lib/incidents/notification-phi.db.test.ts',
  'lib/jobs/sla-report.db.test.ts',
  // The demo seed in a rolled-back transaction, counting whole tables before and after a second run.
  'lib/seed/**/*.db.test.ts',
  // Whole-database dumps, restores and restore drills (scratch databases are listed cluster-wide).
  'lib/backups/**/*.db.test.ts',
  'lib/jobs/backup-jobs.db.test.ts',
  'lib/admin/backup.db.test.ts',
  'scripts/db-restore.db.test.ts',
]
const solo = process.env.VITEST_SOLO === '1'
const withoutSolo = process.env.VITEST_SOLO === '0'

const dbProject = (name: string, globalSetup: string) => ({
  resolve: { alias },
  test: {
    name,
    include: solo ? SOLO : dbInclude,
    exclude: withoutSolo ? [...exclude, ...SOLO] : exclude,
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
    maxWorkers: solo ? 1 : 2,
    reporters: ['default', ['json', { outputFile: solo ? 'test-results/vitest-solo.json' : 'test-results/vitest.json' }]],
    projects: [
      ...(solo ? [] : [{ resolve: { alias }, test: { name: 'unit', include: unitInclude, exclude: [...exclude, ...dbInclude], environment: 'node' } }]),
      // Integration tests run on a real PostgreSQL either way: TEST_DATABASE_URL when set (CI's PostgreSQL
      // service), otherwise an embedded server started once per run. The embedded default itself is covered
      // in CI by scripts/lib/embedded.test.ts, the soak test and the second end-to-end server.
      process.env.TEST_DATABASE_URL
        ? dbProject('db-postgres', 'test/global-setup-postgres.ts')
        : dbProject('db-embedded', 'test/global-setup-embedded.ts'),
    ],
  },
})
