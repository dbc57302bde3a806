/**
 * The demo's A/B experiment on the AI differential (lib/analytics/demo.ts, DEMO_EXPERIMENT): an experiment
 * on the seeded `ai_engine_v2` flag, one exposure per diagnosing demo clinician before the demo's first day (the
 * variant the week was generated with), under the same analytics pseudonym as their events, and a
 * conversion at each one's first completed diagnosis. So /analytics/funnels can break the diagnosis
 * funnel down by `flag:dx-ai-engine-v2`, and the experiment page shows the same people.
 *
 * Idempotent: the experiment is created when missing and never changed; events are unique per
 * (experiment, kind, subject). Needs the flags (seedFlags) and the demo week (seedAnalytics) first.
 */
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { db } from '../db'
import { DEMO_DAYS, DEMO_EXPERIMENT, demoExperimentClinicians, demoExperimentVariant } from '../analytics/demo'
import { analyticsKey, pseudonymizer } from '../analytics/pseudonym'
import { subjectHash } from '../flags/commands/experiments'
import type { Client } from './flags/catalogue'

const DAY = 86_400_000

export async function seedAnalyticsExperiment(log: (m: string) => void = () => {}, opts: { tx?: Client } = {}): Promise<void> {
  const client: Client = opts.tx ?? db
  const flag = await client.flag.findUnique({ where: { key: DEMO_EXPERIMENT.flag }, select: { id: true } })
  const week = await client.analyticsCursor.findUnique({ where: { name: 'demo-week' } })
  if (!flag || !week) {
    log('analytics experiment: skipped (no demo flags or demo week)')
    return
  }
  const exp = await client.experiment.upsert({
    where: { key: DEMO_EXPERIMENT.key },
    create: {
      key: DEMO_EXPERIMENT.key,
      name: 'AI differential on engine v2',
      flagId: flag.id,
      environment: 'production',
      status: 'running',
      primaryMetric: { type: 'event', event: 'diagnosis_completed' },
      guardrailSloKeys: [],
      controlVariant: DEMO_EXPERIMENT.control,
      startedAt: new Date(week.at.getTime() - DEMO_DAYS * DAY),
    },
    update: {},
  })
  // The same pseudonyms as the demo week's events (lib/seed/analytics.ts).
  const pseudonym = pseudonymizer(analyticsKey() ?? Buffer.from('wardroom-demo-analytics-key'))
  const ids = demoExperimentClinicians(week.at)
  const exposedAt = new Date(week.at.getTime() - DEMO_DAYS * DAY)
  const exposures = await client.$executeRaw`
    INSERT INTO "ExperimentEvent" ("experimentId", kind, variant, subject, "analyticsKey", at)
    SELECT ${exp.id}::uuid, 'exposure', v, s, k, ${exposedAt}::timestamptz
    FROM unnest(${ids.map(demoExperimentVariant)}::text[], ${ids.map(subjectHash)}::text[], ${ids.map((id) => pseudonym('user', id))}::text[]) AS x(v, s, k)
    ON CONFLICT ("experimentId", kind, subject) DO NOTHING`
  const conversions = await client.$executeRaw`
    INSERT INTO "ExperimentEvent" ("experimentId", kind, variant, subject, "analyticsKey", at)
    SELECT x."experimentId", 'conversion', x.variant, x.subject, x."analyticsKey", c.at
    FROM "ExperimentEvent" x
    CROSS JOIN LATERAL (
      SELECT min(e."occurredAt") AS at FROM "AnalyticsEvent" e
      WHERE e."userKey" = x."analyticsKey" AND e.event = 'diagnosis_completed' AND e."occurredAt" >= x.at
    ) c
    WHERE x."experimentId" = ${exp.id}::uuid AND x.kind = 'exposure' AND c.at IS NOT NULL
    ON CONFLICT ("experimentId", kind, subject) DO NOTHING`
  if (exposures + conversions > 0) {
    await recordAudit(SYSTEM_ACTOR, { action: 'experiment.seed', targetType: 'experiment', targetId: DEMO_EXPERIMENT.key, summary: { exposures, conversions, source: 'demo seed' }, count: exposures + conversions }, opts.tx)
  }
  log(`analytics experiment: ${exposures} exposures, ${conversions} conversions`)
}
