/**
 * Integration tests on the embedded database: a fresh embedded PostgreSQL cluster in a temp directory,
 * started once per run exactly as `npm start` starts it (Unix socket, password, same settings), migrated
 * from prisma/migrations.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { openEmbedded } from '../scripts/lib/embedded'
import { migrateUrl } from './migrate-url'

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wardroom-test-'))
  const db = await openEmbedded(dir)
  await migrateUrl(db.url, false)
  project.provide('databaseUrl', db.url)
  return async () => {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
  }
}
