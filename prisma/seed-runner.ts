/**
 * When the demo data is loaded: WARDROOM_SEED=always on every start, never with WARDROOM_SEED=never, and
 * by default on the first start of the embedded database and again when SEED_VERSION grows (never on an
 * external database unless asked).
 */
import { db } from '../lib/db'
import { env } from '../lib/env'
import { seedDemo, SEED_VERSION } from '../lib/seed'

export async function seedIfWanted(opts: { embedded: boolean; log: (m: string) => void }): Promise<void> {
  if (env.WARDROOM_SEED === 'never') return
  if (env.WARDROOM_SEED === 'auto') {
    if (!opts.embedded) return
    // Seeds are idempotent: a demo database seeded by an older version gets the newer areas' data.
    const marker = await db.setting.findUnique({ where: { key: 'seed.version' } })
    if (marker && Number(marker.value) >= SEED_VERSION) return
  }
  const t0 = Date.now()
  await seedDemo(opts.log)
  await db.setting.upsert({
    where: { key: 'seed.version' },
    create: { key: 'seed.version', value: SEED_VERSION },
    update: { value: SEED_VERSION },
  })
  opts.log(`demo data loaded in ${Date.now() - t0} ms`)
}
