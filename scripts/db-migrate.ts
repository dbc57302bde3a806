/** `npm run db:migrate`: applies pending migrations (works while the server runs on the embedded database). */
import pg from 'pg'
import { connectForTool } from './lib/database'
import { migrate } from './lib/migrations'

const conn = await connectForTool((m) => console.error(m))
const client = new pg.Client({ connectionString: conn.url })
try {
  await client.connect()
  const { applied, alreadyApplied } = await migrate(client, (m) => console.log(m))
  console.log(applied.length ? `applied ${applied.length} migration(s)` : `up to date (${alreadyApplied} applied)`)
} catch (e) {
  console.error(e instanceof Error ? e.message : e)
  process.exitCode = 1
} finally {
  await client.end().catch(() => {})
  await conn.close()
}
