/**
 * `npm run db:migrate`: applies pending migrations as the owner role (DATABASE_MIGRATE_URL, or the embedded
 * database's owner) and grants the runtime role its privileges; works while the server runs.
 */
import { connectForTool, migrateDatabase, SAME_ROLE_WARNING } from './lib/database'

const conn = await connectForTool((m) => console.error(m))
try {
  const { applied, alreadyApplied, separateRoles } = await migrateDatabase(conn, (m) => console.log(m))
  console.log(applied.length ? `applied ${applied.length} migration(s)` : `up to date (${alreadyApplied} applied)`)
  if (!separateRoles) console.error(SAME_ROLE_WARNING)
} catch (e) {
  console.error(e instanceof Error ? e.message : e)
  process.exitCode = 1
} finally {
  await conn.close()
}
