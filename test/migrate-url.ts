/**
 * Prepares a test database the way a deployment runs: migrated as the owner, with a runtime role that
 * has the app's privileges only (append-only audit tables, no DDL). Integration tests connect as the
 * runtime role; tests that need DDL or ownership use the owner URL.
 */
import { randomBytes } from 'node:crypto'
import { migrate } from '@/lib/migrations'
import { applyRuntimeGrants, quoteIdent, withClient } from '../scripts/lib/db-roles'

/**
 * A login role for the app on the cluster of `ownerUrl`, named after the database (roles are
 * cluster-wide: parallel test databases must not share one), with a fresh password; returns its URL.
 */
export async function createRuntimeRole(ownerUrl: string, suffix = 'app'): Promise<{ role: string; url: string }> {
  const u = new URL(ownerUrl)
  const database = decodeURIComponent(u.pathname.slice(1)) || 'postgres'
  const role = `${database}_${suffix}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63)
  const password = randomBytes(18).toString('base64url')
  await withClient(ownerUrl, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])
    if (!rowCount) await c.query(`CREATE ROLE ${quoteIdent(role)} LOGIN`)
    await c.query(`ALTER ROLE ${quoteIdent(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`)
  })
  u.username = role
  u.password = password
  return { role, url: u.toString() }
}

/** Migrates as the owner (optionally on a reset `public` schema) and grants the runtime role its privileges. */
export async function migrateUrl(ownerUrl: string, resetSchema: boolean, runtimeRole?: string): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    if (resetSchema) {
      await client.query('DROP SCHEMA IF EXISTS public CASCADE')
      await client.query('CREATE SCHEMA public')
    }
    await migrate(client)
    if (runtimeRole) await applyRuntimeGrants(client, runtimeRole)
  })
}
