/** `npm run db:seed`: loads the idempotent demo data (asks before touching an external database). */
import { closeDb } from '../lib/db'
import { connectForTool, migrateDatabase } from './lib/database'
import { seedDemo, SEED_VERSION } from '../lib/seed'
import { db } from '../lib/db'

const conn = await connectForTool((m) => console.error(m))
try {
  if (!conn.embedded && !process.argv.includes('--yes')) {
    console.error('DATABASE_URL is set: refusing to load demo data into an external database without --yes (npm run db:seed -- --yes).')
    process.exitCode = 2
  } else {
    await migrateDatabase(conn)
    await seedDemo((m) => console.log(m))
    await db.setting.upsert({ where: { key: 'seed.version' }, create: { key: 'seed.version', value: SEED_VERSION }, update: { value: SEED_VERSION } })
    console.log('demo data loaded')
  }
} finally {
  await closeDb()
  await conn.close()
}
