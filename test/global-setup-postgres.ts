/** Integration tests on a real PostgreSQL: TEST_DATABASE_URL, reset to an empty schema and migrated. */
import type { TestProject } from 'vitest/node'
import { migrateUrl } from './migrate-url'

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is required for the db-postgres project')
  await migrateUrl(url, true)
  project.provide('databaseUrl', url)
}
