/**
 * How tools and the start script reach the database: DATABASE_URL when set, otherwise the embedded
 * database (through the running server's socket when one holds it). Sets process.env.DATABASE_URL so
 * lib/db.ts connects to it — always as the runtime role. Migrations and restores connect as the owner:
 * DATABASE_MIGRATE_URL (DATABASE_URL when unset), or the embedded database's owner role.
 */
import { dataDir, env } from '../../lib/env'
import { connectEmbedded, openEmbedded, type EmbeddedDatabase } from './embedded'
import { applyRuntimeGrants, roleOf, withClient } from './db-roles'
import { migrate, type MigrateResult } from '@/lib/migrations'

export interface Connection {
  /** The runtime role's URL (the app's). */
  url: string
  /** The owner's URL, for migrations and restores (the same as `url` when no separate owner is configured). */
  migrateUrl: string
  embedded: boolean
  /** True when another process (the running server) owns the embedded database. */
  shared: boolean
  close: () => Promise<void>
}

function external(): Connection | null {
  const url = process.env.DATABASE_URL
  if (!url) return null
  return { url, migrateUrl: process.env.DATABASE_MIGRATE_URL || url, embedded: false, shared: false, close: async () => {} }
}

/** For CLI commands, migrations, seed and backups: works whether or not the server is running. */
export async function connectForTool(log?: (m: string) => void): Promise<Connection> {
  const ext = external()
  if (ext) return ext
  const emb = await connectEmbedded(dataDir, { log, tcpPort: env.WARDROOM_PG_PORT })
  process.env.DATABASE_URL = emb.url
  process.env.WARDROOM_BACKUP_DRILL_URL ||= emb.drillUrl
  return { url: emb.url, migrateUrl: emb.ownerUrl, embedded: true, shared: emb.shared, close: emb.close }
}

/** For the server: owns the embedded database, or fails clearly when another process does. */
export async function openForServer(log?: (m: string) => void): Promise<Connection> {
  const ext = external()
  if (ext) return ext
  const emb: EmbeddedDatabase = await openEmbedded(dataDir, { log, tcpPort: env.WARDROOM_PG_PORT, supervise: true })
  process.env.DATABASE_URL = emb.url
  // Restore drills create their scratch databases as the drill role (the server process inherits this).
  process.env.WARDROOM_BACKUP_DRILL_URL ||= emb.drillUrl
  return { url: emb.url, migrateUrl: emb.ownerUrl, embedded: true, shared: false, close: emb.close }
}

/** The runtime and owner role names; equal when migrations run as the runtime role. */
export async function databaseRoles(conn: Pick<Connection, 'url' | 'migrateUrl'>): Promise<{ runtime: string; owner: string }> {
  const runtime = await withClient(conn.url, roleOf)
  const owner = conn.migrateUrl === conn.url ? runtime : await withClient(conn.migrateUrl, roleOf)
  return { runtime, owner }
}

/**
 * After a migration or a restore: the owner grants the runtime role its privileges (only INSERT and SELECT
 * on the audit tables). Returns false when both are one role: then only the triggers protect the audit trail.
 */
export async function grantRuntimeRole(conn: Pick<Connection, 'url' | 'migrateUrl'>, log: (m: string) => void = () => {}): Promise<boolean> {
  const { runtime, owner } = await databaseRoles(conn)
  if (runtime === owner) return false
  await withClient(conn.migrateUrl, (c) => applyRuntimeGrants(c, runtime, log))
  return true
}

/** Applies pending migrations as the owner, then the runtime role's grants. */
export async function migrateDatabase(
  conn: Pick<Connection, 'url' | 'migrateUrl'>,
  log: (m: string) => void = () => {},
): Promise<MigrateResult & { separateRoles: boolean }> {
  const result = await withClient(conn.migrateUrl, (c) => migrate(c, log))
  const separateRoles = await grantRuntimeRole(conn, log)
  return { ...result, separateRoles }
}

/** The one warning line of a deployment whose app role owns the audit table. */
export const SAME_ROLE_WARNING =
  'warning: DATABASE_MIGRATE_URL is not set (or names the same role as DATABASE_URL): the app role owns the audit table, ' +
  'which is then protected only by its triggers; set DATABASE_MIGRATE_URL to an owner role to make it tamper-proof'
