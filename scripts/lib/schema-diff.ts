/**
 * Offline `prisma migrate diff`: Prisma's schema engine compiled to WASM, run against a throwaway
 * in-memory PGlite (the native engine cannot be downloaded here). Used to create new migrations and by
 * the test that fails when schema.prisma and prisma/migrations disagree.
 */
import { readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
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

/** Extensions the migrations create (CREATE EXTENSION): the diff's databases must be able to load them. */
const EXTENSIONS = { pg_trgm }

/**
 * The engine replays the migrations in a shadow database, which the adapter makes as a bare PGlite; it
 * gets the extensions here. (The adapter's executeScript does not report a failed script: a migration
 * that cannot run in the shadow would silently drop out of the diff's "from" state.)
 */
class PGliteWithExtensions extends PrismaPGlite {
  override connectToShadowDb() {
    return new PrismaPGlite(new PGlite({ dataDir: 'memory://shadow', extensions: EXTENSIONS })).connect()
  }
}

/** SQL that takes a database built from the existing migrations to the state schema.prisma describes. */
export async function diffSchemaAgainstMigrations(): Promise<string> {
  // Imported here: loading the engine needs Node's --experimental-wasm-modules (set by the npm script).
  const { SchemaEngine } = await import('@prisma/schema-engine-wasm')
  const schema = readFileSync(SCHEMA_PATH, 'utf8')
  const db = new PGlite({ extensions: EXTENSIONS })
  const factory = new PGliteWithExtensions(db)
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
