/**
 * Integration tests on the embedded database: a fresh embedded PostgreSQL cluster in a temp directory,
 * started once per run exactly as `npm start` starts it (Unix socket, password, same settings, owner and
 * runtime roles), migrated from prisma/migrations as the owner, the runtime role granted its privileges.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { APP_ROLE, openEmbedded } from '../scripts/lib/embedded'
import { migrateUrl } from './migrate-url'

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wardroom-test-'))
  const db = await openEmbedded(dir)
  await migrateUrl(db.ownerUrl, false, APP_ROLE)
  const admin = new URL(db.ownerUrl)
  admin.username = 'postgres'
  admin.password = (JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8')) as Record<string, string>).POSTGRES_PASSWORD!
  // As before, tests connect as the superuser (the demo seed's fast path needs one); the app role's URL
  // is there for tests of what the app may and may not do.
  project.provide('databaseUrl', admin.toString())
  project.provide('runtimeDatabaseUrl', db.url)
  project.provide('ownerDatabaseUrl', db.ownerUrl)
  project.provide('adminDatabaseUrl', admin.toString())
  // The role restore drills create their scratch databases as (CREATEDB, nothing else), as `npm start` sets it.
  project.provide('drillDatabaseUrl', db.drillUrl)
  project.provide('auditKey', randomBytes(32).toString('base64url'))
  project.provide('auditAnchor', path.join(dir, 'audit-checkpoints.log'))
  return async () => {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** What the integration tests connect as (a superuser). */
    databaseUrl: string
    /** The runtime role's URL (the app's privileges only). */
    runtimeDatabaseUrl: string
    /** The owner's URL (migrations, DDL, creating databases). */
    ownerDatabaseUrl: string
    /** A superuser's URL (creating databases and roles). */
    adminDatabaseUrl: string
    /** A role that may create databases (restore drills' scratch databases). */
    drillDatabaseUrl: string
    auditKey: string
    auditAnchor: string
  }
}
