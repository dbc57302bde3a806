/**
 * Idempotent demo data for a believable hospital deployment. Each area adds its own seed module here;
 * every module upserts by natural keys, so running the seed twice changes nothing.
 */
import { seedFoundation } from './foundation'
import { seedIncidents } from './incidents'

/** Bump when the demo data changes shape, so `WARDROOM_SEED=auto` can tell an old demo from a new one. */
export const SEED_VERSION = 1

export async function seedDemo(log: (m: string) => void = () => {}): Promise<void> {
  await seedFoundation(log)
  await seedIncidents(log)
}
