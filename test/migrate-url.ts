import pg from 'pg'
import { migrate } from '../scripts/lib/migrations'

export async function migrateUrl(url: string, resetSchema: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    if (resetSchema) {
      await client.query('DROP SCHEMA IF EXISTS public CASCADE')
      await client.query('CREATE SCHEMA public')
    }
    await migrate(client)
  } finally {
    await client.end()
  }
}
