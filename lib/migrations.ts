/**
 * Offline migration runner. Applies prisma/migrations/<name>/migration.sql in order, each in its own
 * transaction, and records them in `_prisma_migrations` with Prisma's own columns (checksum = sha256 of
 * the file), so `prisma migrate deploy` on a connected machine sees the same history.
 * A PostgreSQL advisory lock serialises several instances starting at once. In lib, not scripts/, because
 * the backup (lib/admin/backup.ts) lists the same files; the scripts import it from here.
 */
import { createHash, randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import type pg from 'pg'

export const MIGRATIONS_DIR = path.resolve(/* turbopackIgnore: true */ process.cwd(), 'prisma/migrations')
// Same key Prisma's migrate uses, so our runner and `prisma migrate deploy` exclude each other too.
const MIGRATION_LOCK_KEY = 72707369

export interface MigrationFile {
  name: string
  sql: string
  checksum: string
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) return []
  // Read at run time from the deployment's files: the comments keep Turbopack from tracing the project.
  return readdirSync(/* turbopackIgnore: true */ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(/* turbopackIgnore: true */ path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, 'migration.sql')
      const sql = readFileSync(/* turbopackIgnore: true */ file, 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

/** DDL of Prisma's migration history table (also written into backups). */
export const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`

export interface MigrateResult {
  applied: string[]
  alreadyApplied: number
}

export async function migrate(client: pg.ClientBase, log: (msg: string) => void = () => {}): Promise<MigrateResult> {
  const files = listMigrations()
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
  try {
    await client.query(CREATE_TABLE)
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    )
    const done = new Map(rows.map((r) => [r.migration_name, r]))
    const applied: string[] = []
    for (const file of files) {
      const prior = done.get(file.name)
      if (prior?.finished_at) {
        if (prior.checksum !== file.checksum) {
          log(`warning: migration ${file.name} was edited after it was applied (checksum differs)`)
        }
        continue
      }
      if (prior && !prior.finished_at) {
        throw new Error(
          `Migration ${file.name} failed earlier and is marked unfinished. Fix the database by hand, then delete its row from _prisma_migrations.`,
        )
      }
      const id = randomUUID()
      await client.query('BEGIN')
      try {
        await client.query(file.sql)
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [id, file.checksum, file.name],
        )
        await client.query('COMMIT')
      } catch (err) {
        await client.query('ROLLBACK')
        throw new Error(`Migration ${file.name} failed: ${(err as Error).message}`)
      }
      applied.push(file.name)
      log(`applied migration ${file.name}`)
    }
    return { applied, alreadyApplied: files.length - applied.length }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
  }
}
