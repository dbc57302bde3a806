/**
 * The guide's analytics dashboard as data (GET /api/analytics/dashboard): sessions, active users, and per
 * workflow its funnel, completion rate, median duration and worst drop-off step, for a range. Counts of
 * people under the k-anonymity threshold are suppressed (k-anonymity.ts); session and event counts are
 * not counts of people and stay.
 */
import { db } from '../db'
import { sqlOfPrisma } from '../tx'
import { computeFunnel } from './funnel'
import { DEFAULT_MIN_GROUP_SIZE, suppressedRate, suppressSmall } from './k-anonymity'
import { listWorkflows } from './workflows'

export interface DashboardStep {
  step: number
  label: string
  event: string
  users: number | null
  conversion: number | null
  dropOff: number | null
}

export interface DashboardWorkflow {
  key: string
  name: string
  started: number | null
  completed: number | null
  completionRate: number | null
  medianDurationMs: number | null
  steps: DashboardStep[]
}

export interface Dashboard {
  range: { from: string; to: string }
  minGroupSize: number
  sessions: number
  activeUsers: number | null
  workflows: DashboardWorkflow[]
  /** The steps that lose the most people, across workflows, worst first (at most 5). */
  topDropOffSteps: { workflow: string; step: number; label: string; dropOff: number; dropOffRate: number }[]
}

export async function getDashboard(from: Date, to: Date, k = DEFAULT_MIN_GROUP_SIZE): Promise<Dashboard> {
  const sql = sqlOfPrisma(db)
  const [totals] = await sql.query<{ sessions: number; users: number }>(
    `SELECT count(*)::int AS sessions, count(DISTINCT "userKey")::int AS users FROM "AnalyticsSession" WHERE "startedAt" >= $1::timestamptz AND "startedAt" < $2::timestamptz`,
    [from.toISOString(), to.toISOString()],
  )
  const workflows: DashboardWorkflow[] = []
  const drops: Dashboard['topDropOffSteps'] = []
  for (const w of await listWorkflows()) {
    const f = await computeFunnel(sql, { steps: w.steps, from, to, conversionWindowMs: w.conversionWindowMs, orderMode: w.orderMode, exclusions: w.exclusions })
    const steps = f.steps.map((s, i) => {
      const before = i === 0 ? s.users : f.steps[i - 1]!.users
      const shown = suppressSmall(s.users, k) !== null && suppressSmall(before, k) !== null
      if (i > 0 && shown && s.dropOff > 0) drops.push({ workflow: w.key, step: s.step, label: s.label, dropOff: s.dropOff, dropOffRate: s.dropOff / before })
      return { step: s.step, label: s.label, event: s.event, users: suppressSmall(s.users, k), conversion: suppressedRate(s.users, f.started, k), dropOff: shown ? s.dropOff : null }
    })
    workflows.push({
      key: w.key,
      name: w.name,
      started: suppressSmall(f.started, k),
      completed: suppressSmall(f.completed, k),
      completionRate: suppressedRate(f.completed, f.started, k),
      // A median over fewer than k people describes too few of them.
      medianDurationMs: suppressSmall(f.completed, k) === null || f.medianMs === null ? null : Math.round(f.medianMs),
      steps,
    })
  }
  drops.sort((a, b) => b.dropOffRate - a.dropOffRate)
  return {
    range: { from: from.toISOString(), to: to.toISOString() },
    minGroupSize: k,
    sessions: totals?.sessions ?? 0,
    activeUsers: suppressSmall(totals?.users ?? 0, k),
    workflows,
    topDropOffSteps: drops.slice(0, 5),
  }
}
