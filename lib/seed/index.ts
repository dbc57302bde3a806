/**
 * Idempotent demo data for a believable hospital deployment. Each area adds its own seed module here;
 * every module upserts by natural keys, so running the seed twice changes nothing.
 */
import { seedFoundation } from './foundation'
import { seedIncidents } from './incidents'
import { seedServiceCatalogue } from './services'
import { seedMaintenance } from './maintenance'
import { seedSlo } from './slo'
import { seedSloReports } from './slo-reports'
import { seedFlags } from './flags'
import { seedSecurity } from './security'
import { env } from '../env'
import { seedAnalytics } from './analytics'
import { seedAnalyticsExperiment } from './analytics-experiment'
import { seedAnalyticsInsights } from './analytics-insights'
import { seedCompetitors } from './competitors'
import { seedFeedback } from './feedback'
import { seedCompetitorWatch } from './competitor-watch'
import { seedRoadmap } from './roadmap'

/** Bump when the demo data changes shape, so `WARDROOM_SEED=auto` can tell an old demo from a new one. */
export const SEED_VERSION = 7

export async function seedDemo(log: (m: string) => void = () => {}): Promise<void> {
  await seedFoundation(log)
  await seedIncidents(log)
  // After incidents: the services it created get their owners, tiers, runbooks and dependencies.
  await seedServiceCatalogue(log)
  // After the services: the guides' recurring windows cover every service. End-to-end servers leave them
  // out: inside those hours they would mute the escalations the journeys wait for.
  if (env.WARDROOM_DEMO_MAINTENANCE) await seedMaintenance(log)
  // After incidents: SLO violations link to the seeded incidents they match.
  await seedSlo(log)
  // After the SLO history: the reports are built from its rollups.
  await seedSloReports(log)
  // After the SLOs: the live canary guards SLOs chosen from the seeded violation history.
  await seedFlags(log)
  // After the foundation: the demo keys and the administrator the events name.
  await seedSecurity(log)
  // After the foundation: a hospital week of clinical-workflow events and the three workflows.
  await seedAnalytics(log)
  // After the flags and the demo week: the A/B experiment whose exposures name the week's clinicians.
  await seedAnalyticsExperiment(log)
  // After the events: what the daily insights job finds in them, and the feedback tasks it makes.
  await seedAnalyticsInsights(log)
  // The competitor matrix with its evidence, and the roadmap links of its high threats.
  await seedCompetitors(log)
  // After the foundation (the widget's key, the PMs and the safety officer) and incidents (the safety lane's
  // incidents join the board): a week of clinicians' feedback, triaged in part.
  await seedFeedback(log)
  // After the competitors: their watched newsrooms and one illustrative change waiting for review.
  await seedCompetitorWatch(log)
  // Last: the roadmap's items answer the feedback, insights and competitor threats seeded above.
  await seedRoadmap(log)
}
