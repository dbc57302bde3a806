/**
 * Integration tests on a real PostgreSQL: TEST_DATABASE_URL (an owner or superuser), reset to an empty
 * schema and migrated, with a runtime role made for this database (`<database>_app`) granted the app's
 * privileges only, as a deployment with DATABASE_MIGRATE_URL runs. Tests connect as TEST_DATABASE_URL's
 * user (the demo seed's fast path needs a superuser); runtimeDatabaseUrl is the app role's URL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { createRuntimeRole, migrateUrl } from './migrate-url'

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is required for the db-postgres project')
  const runtime = await createRuntimeRole(url)
  await migrateUrl(url, true, runtime.role)
  const anchorDir = mkdtempSync(path.join(os.tmpdir(), 'wardroom-anchor-'))
  project.provide('databaseUrl', url)
  project.provide('runtimeDatabaseUrl', runtime.url)
  project.provide('ownerDatabaseUrl', url)
  project.provide('adminDatabaseUrl', url)
  project.provide('drillDatabaseUrl', url)
  project.provide('auditKey', randomBytes(32).toString('base64url'))
  project.provide('auditAnchor', path.join(anchorDir, 'audit-checkpoints.log'))
  return () => rmSync(anchorDir, { recursive: true, force: true })
}
