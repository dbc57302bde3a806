/**
 * The insights run against the database with a counting function given by the test: what it stores, that a
 * rerun updates instead of adding, how it treats a continuing change, dismissed insights, and its audit.
 */
import { describe, expect, it } from 'vitest'
import { systemActor, actorOfUser } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import type { FunnelQuery } from './funnel-query'
import { insightsAwaitingFeedbackTask, runInsightAnalysis, type CountFunnel, type FunnelCounts } from './insights'

const K = 11
const DAY = 86_400_000
const actor = systemActor('analytics-insights')
const name = (p: string) => uid(p).replace(/-/g, '_')

async function workflow(): Promise<string> {
  const key = name('wf_ins')
  await db.analyticsWorkflow.create({
    data: {
      key,
      name: 'Insight test triage',
      conversionWindowMs: 3_600_000,
      steps: ['triage_started', 'vitals_recorded', 'ai_triage_score_viewed', 'triage_level_assigned'].map((event, i) => ({ event, filters: {}, label: `Step ${i + 1}` })),
    },
  })
  return key
}

/** Counts per period start: previous → `before`, current → `after`; queries are recorded. */
function counter(before: FunnelCounts, after: FunnelCounts, now: Date, seen: FunnelQuery[] = []): CountFunnel {
  return async (q) => {
    seen.push(q)
    return now.getTime() - q.from.getTime() > 8 * DAY ? before : after
  }
}

const steady: FunnelCounts = {
  overall: [600, 540, 460, 440],
  groups: [
    { key: 'Emergency', users: [240, 200, 170, 160] },
    { key: 'Cardiology', users: [120, 100, 85, 80] },
    { key: '(none)', users: [40, 40, 40, 40] },
  ],
}
// Emergency loses 35 % at step 3 instead of 15 %; Cardiology unchanged.
const worse: FunnelCounts = {
  overall: [600, 540, 420, 400],
  groups: [
    { key: 'Emergency', users: [240, 200, 130, 122] },
    { key: 'Cardiology', users: [120, 100, 85, 80] },
  ],
}

describe('runInsightAnalysis', () => {
  it('stores the significant increases with their periods, figures and priority, and audits the run', async () => {
    const key = await workflow()
    const now = new Date('2026-12-10T04:20:00Z')
    const seen: FunnelQuery[] = []
    const summary = await runInsightAnalysis(actor, { now, count: counter(steady, worse, now, seen), k: K, workflows: [key] })
    expect(seen.map((q) => [q.from.toISOString(), q.to.toISOString(), q.breakdown])).toEqual([
      ['2026-11-26T00:00:00.000Z', '2026-12-03T00:00:00.000Z', { kind: 'department' }],
      ['2026-12-03T00:00:00.000Z', '2026-12-10T00:00:00.000Z', { kind: 'department' }],
    ])
    expect(summary).toMatchObject({ workflows: 1, tests: 9, skipped: 0, significant: 2, created: 2, updated: 0, kept: 0 })

    const rows = await db.analyticsInsight.findMany({ where: { workflowKey: key }, orderBy: { department: 'asc' } })
    expect(rows.map((r) => [r.department, r.step, r.stepLabel, r.priority, r.status])).toEqual([
      // Whole hospital: 80 → 120 of 540 lost (+7.4 pp, 40 people beyond the old rate).
      ['', 3, 'Step 3', 'medium', 'open'],
      ['Emergency', 3, 'Step 3', 'high', 'open'],
    ])
    expect(rows[1]).toMatchObject({
      periodFrom: new Date('2026-12-03T00:00:00Z'),
      periodTo: new Date('2026-12-10T00:00:00Z'),
      previousFrom: new Date('2026-11-26T00:00:00Z'),
      previousTo: new Date('2026-12-03T00:00:00Z'),
      previousBase: 200,
      previousLost: 30,
      currentBase: 200,
      currentLost: 70,
    })
    expect(rows[1]!.pValue).toBeLessThan(0.001)
    const audit = await db.auditLog.findFirst({ where: { action: 'analytics.insights.run', summary: { path: ['workflowKeys'], array_contains: [key] } } })
    expect(audit).toMatchObject({ actorLabel: 'analytics-insights', count: 2, summary: { significant: 2, created: 2, high: 1 } })
    // Only the high one waits for a feedback task.
    expect((await insightsAwaitingFeedbackTask()).filter((i) => i.workflowKey === key).map((i) => i.department)).toEqual(['Emergency'])
  })

  it('finds nothing when nothing changed', async () => {
    const key = await workflow()
    const now = new Date('2026-12-10T04:20:00Z')
    const summary = await runInsightAnalysis(actor, { now, count: counter(steady, steady, now), k: K, workflows: [key] })
    expect(summary).toMatchObject({ significant: 0, created: 0 })
    expect(await db.analyticsInsight.count({ where: { workflowKey: key } })).toBe(0)
  })

  it('is idempotent on a rerun the same day, and one insight for a change that goes on', async () => {
    const key = await workflow()
    const first = new Date('2026-12-10T04:20:00Z')
    await runInsightAnalysis(actor, { now: first, count: counter(steady, worse, first), k: K, workflows: [key] })
    const ids = (await db.analyticsInsight.findMany({ where: { workflowKey: key }, select: { id: true }, orderBy: { department: 'asc' } })).map((r) => r.id)

    const later = new Date('2026-12-10T18:00:00Z')
    expect(await runInsightAnalysis(actor, { now: later, count: counter(steady, worse, later), k: K, workflows: [key] })).toMatchObject({ created: 0, updated: 2 })

    // The next day the weeks overlap the first run's: the open insights move to the newest week.
    const next = new Date('2026-12-11T04:20:00Z')
    expect(await runInsightAnalysis(actor, { now: next, count: counter(steady, worse, next), k: K, workflows: [key] })).toMatchObject({ created: 0, updated: 2 })
    const rows = await db.analyticsInsight.findMany({ where: { workflowKey: key }, orderBy: { department: 'asc' } })
    expect(rows.map((r) => r.id)).toEqual(ids)
    expect(rows.every((r) => r.periodFrom.getTime() === new Date('2026-12-04T00:00:00Z').getTime())).toBe(true)
  })

  it('leaves a dismissed insight dismissed while its week overlaps, and makes a new one after', async () => {
    const key = await workflow()
    const pm = actorOfUser(await createUser('pm'))
    const first = new Date('2026-12-10T04:20:00Z')
    await runInsightAnalysis(actor, { now: first, count: counter(steady, worse, first), k: K, workflows: [key] })
    await db.analyticsInsight.updateMany({ where: { workflowKey: key }, data: { status: 'dismissed' } })

    const next = new Date('2026-12-12T04:20:00Z')
    expect(await runInsightAnalysis(pm, { now: next, count: counter(steady, worse, next), k: K, workflows: [key] })).toMatchObject({ created: 0, kept: 2 })
    expect(await db.analyticsInsight.count({ where: { workflowKey: key, status: 'open' } })).toBe(0)

    const weekLater = new Date('2026-12-17T04:20:00Z')
    expect(await runInsightAnalysis(actor, { now: weekLater, count: counter(steady, worse, weekLater), k: K, workflows: [key] })).toMatchObject({ created: 2 })
    expect(await db.analyticsInsight.count({ where: { workflowKey: key } })).toBe(4)
  })

  it('does not repeat the hospital’s finding for a department that is everyone in the workflow', async () => {
    const key = await workflow()
    const now = new Date('2026-12-10T04:20:00Z')
    const only = (users: number[]): FunnelCounts => ({ overall: users, groups: [{ key: 'Emergency', users }] })
    const summary = await runInsightAnalysis(actor, { now, count: counter(only([300, 280, 240, 230]), only([300, 280, 180, 170]), now), k: K, workflows: [key] })
    expect(summary).toMatchObject({ tests: 3, significant: 1 })
    expect(await db.analyticsInsight.findMany({ where: { workflowKey: key }, select: { department: true, step: true } })).toEqual([{ department: '', step: 3 }])
  })

  it('refuses people without analytics:manage', async () => {
    const viewer = actorOfUser(await createUser('viewer'))
    const now = new Date()
    await expect(runInsightAnalysis(viewer, { now, count: counter(steady, worse, now), k: K, workflows: [] })).rejects.toMatchObject({ status: 403 })
  })
})
