/**
 * Offline `prisma migrate diff`: Prisma's schema engine compiled to WASM, run against a throwaway
 * in-memory PGlite (the native engine cannot be downloaded here). Used to create new migrations and by
 * the test that fails when schema.prisma and prisma/migrations disagree.
 */
import { readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { MIGRATIONS_DIR, listMigrations } from '@/lib/migrations'

const SCHEMA_PATH = path.resolve(process.cwd(), 'prisma/schema.prisma')

/**
 * Tables defined by raw SQL in a migration only, which the diff leaves alone. "AnalyticsEvent" is
 * partitioned by month (PARTITION BY RANGE), which Prisma cannot model: left in, the diff would drop it.
 * Its partitions are created by a job, never by a migration, so none exist in the diff's database.
 */
export const RAW_SQL_TABLES = ['public.AnalyticsEvent'] as const

/** SQL that takes a database built from the existing migrations to the state schema.prisma describes. */
export async function diffSchemaAgainstMigrations(): Promise<string> {
  // Imported here: loading the engine needs Node's --experimental-wasm-modules (set by the npm script).
  const { SchemaEngine } = await import('@prisma/schema-engine-wasm')
  const schema = readFileSync(SCHEMA_PATH, 'utf8')
  const db = new PGlite()
  const factory = new PrismaPGlite(db)
  const engine = await SchemaEngine.new(
    { datamodels: [['schema.prisma', schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  )
  try {
    const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml')
    const result = await engine.diff({
      from: {
        tag: 'migrations',
        baseDir: MIGRATIONS_DIR,
        lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
        shadowDbInitScript: '',
        migrationDirectories: listMigrations().map((m) => ({
          path: m.name,
          migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: m.sql } },
        })),
      },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [...RAW_SQL_TABLES], externalEnums: [] },
    })
    return (result.stdout ?? '').trim()
  } finally {
    engine.free()
    await db.close()
  }
}

/** True when the diff script contains no statements (the engine prints a comment for an empty diff). */
export function isEmptyDiff(sql: string): boolean {
  return sql
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('--')).length === 0
}
