/**
 * The analytics-insights job end to end on stored events, counted by the funnel engine: a department whose
 * last step got clearly worse gives one insight (the whole hospital, where another department improved
 * as much, gives none); a workflow that did not change gives none; a rerun changes nothing.
 */
import { describe, expect, it } from 'vitest'
import { systemActor } from '@/lib/auth/actor'
import { db, getPool } from '@/lib/db'
import { getJob } from '@/lib/jobs/registry'
import { uid } from '@/test/factories'
import { countWithEngine, runInsightAnalysis } from './insights'

const DAY = 86_400_000
const MIN = 60_000
const K = 11
// Runs "at 04:00 today": the current week is the 7 days before today's midnight, the previous the 7 before.
const today = Math.floor(Date.now() / DAY) * DAY
const now = new Date(today + 4 * 3_600_000)

interface Cohort {
  department: string
  /** Start of the week the cohort's chains start in. */
  week: number
  /** People who reached step 2, and of them those who also reached step 3. */
  base: number
  kept: number
}

async function partitions() {
  for (let d = today - 15 * DAY; d <= today; d += 7 * DAY) await getPool().query('SELECT analytics_create_partition($1::date)', [new Date(d).toISOString().slice(0, 10)])
}

/** A workflow of three fresh events, and its users' events: each cohort's people start, all see step 2, `kept` finish. */
async function workflowWithEvents(cohorts: Cohort[]): Promise<string> {
  const prefix = uid('ins').replace(/-/g, '_')
  const [a, b, c] = ['start', 'middle', 'finish'].map((s) => `${prefix}_${s}`)
  await db.analyticsWorkflow.create({
    data: { key: prefix, name: 'Insight job test', conversionWindowMs: 3_600_000, steps: [a, b, c].map((event, i) => ({ event, filters: {}, label: `Step ${i + 1}` })) },
  })
  const rows: [string, string, string, string][] = []
  cohorts.forEach((cohort, ci) => {
    for (let i = 0; i < cohort.base; i++) {
      const user = `u_${prefix}_${ci}_${i}`
      const t = cohort.week + (i % 7) * DAY + 10 * 3_600_000 + i * MIN
      rows.push([user, a!, new Date(t).toISOString(), cohort.department], [user, b!, new Date(t + MIN).toISOString(), cohort.department])
      if (i < cohort.kept) rows.push([user, c!, new Date(t + 2 * MIN).toISOString(), cohort.department])
    }
  })
  await getPool().query(
    `INSERT INTO "AnalyticsEvent" ("userKey", event, "occurredAt", department, type)
     SELECT u, e, t, d, 'track' FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) AS x(u, e, t, d)`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
  )
  return prefix
}

const previousWeek = today - 14 * DAY
const currentWeek = today - 7 * DAY

describe('analytics-insights on stored events', () => {
  it('is a registered daily job', () => {
    expect(getJob('analytics-insights')).toMatchObject({ schedule: '20 4 * * *' })
  })

  it('finds the department whose drop-off rose, once, and nothing where nothing changed', async () => {
    await partitions()
    // Emergency: 10 % → 50 % lost at step 3. Cardiology: 50 % → 10 %. The hospital as a whole: 30 % both weeks.
    const changed = await workflowWithEvents([
      { department: 'Emergency', week: previousWeek, base: 60, kept: 54 },
      { department: 'Cardiology', week: previousWeek, base: 60, kept: 30 },
      { department: 'Emergency', week: currentWeek, base: 60, kept: 30 },
      { department: 'Cardiology', week: currentWeek, base: 60, kept: 54 },
    ])
    const steady = await workflowWithEvents([
      { department: 'Emergency', week: previousWeek, base: 60, kept: 48 },
      { department: 'Emergency', week: currentWeek, base: 60, kept: 48 },
    ])
    const actor = systemActor('analytics-insights')
    const run = () => runInsightAnalysis(actor, { now, count: countWithEngine, k: K, workflows: [changed, steady] })

    const first = await run()
    // Step 3 for the hospital and each department (step 2 loses nobody: no variance, not tested); the steady
    // workflow's one department is everyone in it, so only the hospital is tested there.
    expect(first).toMatchObject({ workflows: 2, tests: 4, significant: 1, created: 1 })
    const rows = await db.analyticsInsight.findMany({ where: { workflowKey: { in: [changed, steady] } } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      workflowKey: changed,
      department: 'Emergency',
      step: 3,
      stepLabel: 'Step 3',
      previousBase: 60,
      previousLost: 6,
      currentBase: 60,
      currentLost: 30,
      periodFrom: new Date(currentWeek),
      periodTo: new Date(today),
      priority: 'high',
      status: 'open',
    })
    expect(rows[0]!.pValue).toBeLessThan(0.001)

    const second = await run()
    expect(second).toMatchObject({ significant: 1, created: 0, updated: 1 })
    expect(await db.analyticsInsight.count({ where: { workflowKey: { in: [changed, steady] } } })).toBe(1)
    expect(await db.auditLog.count({ where: { action: 'analytics.insights.run', summary: { path: ['workflowKeys'], array_contains: [changed] } } })).toBe(2)
  })
})
