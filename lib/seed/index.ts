/**
 * Idempotent demo data for a believable hospital deployment. Each area adds its own seed module here;
 * every module upserts by natural keys, so running the seed twice changes nothing.
 */
import { seedFoundation } from './foundation'
import { seedIncidents } from './incidents'
import { seedSlo } from './slo'
import { seedSloReports } from './slo-reports'
import { seedFlags } from './flags'
import { seedAnalytics } from './analytics'

/** Bump when the demo data changes shape, so `WARDROOM_SEED=auto` can tell an old demo from a new one. */
export const SEED_VERSION = 1

export async function seedDemo(log: (m: string) => void = () => {}): Promise<void> {
  await seedFoundation(log)
  await seedIncidents(log)
  // After incidents: SLO violations link to the seeded incidents they match.
  await seedSlo(log)
  // After the SLO history: the reports are built from its rollups.
  await seedSloReports(log)
  // After the SLOs: the live canary guards SLOs chosen from the seeded violation history.
  await seedFlags(log)
  await seedAnalytics(log)
}
