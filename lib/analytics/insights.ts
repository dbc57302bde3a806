/**
 * The analytics-insights run (lib/jobs/analytics-insights.ts, daily): for each workflow, the people per
 * step for the whole hospital and per department in the last 7 days and the 7 before (insight-period.ts),
 * counted by the funnel engine; the drop-off tests of insight-stats.ts over all of them at once; each
 * significant increase stored as an AnalyticsInsight, and one audit row summing up the run.
 *
 * Storing is idempotent: a rerun over the same periods updates the same rows (the unique key holds the
 * period's start). A change that goes on is found again by the next days' runs over overlapping weeks;
 * it stays one insight: an open one moves to the newest period and figures, a dismissed one stays
 * dismissed (and one that became a feedback task keeps the figures the task was made from) until the
 * periods no longer overlap.
 *
 * High-priority open insights are the ones that become improvement tasks in the feedback area (issue 14,
 * `type: optimization`, `source: user_analytics`, linking back to the funnel): `insightsAwaitingFeedbackTask`
 * lists them, and the job (lib/jobs/analytics-insights.ts) makes the tasks and marks each insight
 * `task_created` with its `feedbackItemId` (insight-commands.ts).
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { db } from '../db'
import { inTransaction, sqlOfPrisma, type Tx } from '../tx'
import { computeFunnelBreakdown, NO_VALUE } from './funnel-engine'
import type { FunnelQuery } from './funnel-query'
import { insightPeriods, type InsightPeriods } from './insight-period'
import { findDropOffIncreases, type DropOffFinding, type SeriesCounts } from './insight-stats'
import type { WorkflowDefinition } from './workflow-schema'
import { listWorkflows } from './workflows'

export const DROPOFF_INCREASE = 'dropoff_increase'

/** People reaching each step (step 1 first), RAW (not k-anonymised): the whole population and each group. */
export interface FunnelCounts {
  overall: readonly number[]
  groups: readonly { key: string; users: readonly number[] }[]
}

/** Counts a funnel query with its breakdown (tests give their own). */
export type CountFunnel = (query: FunnelQuery) => Promise<FunnelCounts>

/** The funnel engine's raw counts (funnel-engine.ts), the same a funnel page shows before k-anonymity. */
export const countWithEngine: CountFunnel = async (query) => {
  const raw = await computeFunnelBreakdown(sqlOfPrisma(db), query)
  const users = (steps: readonly { users: number }[]) => steps.map((s) => s.users)
  return { overall: users(raw.overall.steps), groups: raw.groups.map((g) => ({ key: g.key, users: users(g.steps) })) }
}

/** Groups that are no department: events that did not say which one. */
const NOT_A_DEPARTMENT = new Set([NO_VALUE, ''])

export interface InsightRunOptions {
  now: Date
  count: CountFunnel
  /** k: ANALYTICS_MIN_GROUP_SIZE (the minimum sample is never below it). */
  k: number
  /** Only these workflows (tests); all of them by default. */
  workflows?: readonly string[]
  signal?: AbortSignal
}

export interface InsightRunSummary {
  workflows: number
  tests: number
  skipped: number
  significant: number
  created: number
  updated: number
  /** Findings that belong to a dismissed insight (or one already turned into a task) of an overlapping period. */
  kept: number
  /** Open high-priority insights, waiting for the feedback area to make them improvement tasks. */
  awaitingFeedbackTask: number
}

function queryOf(w: WorkflowDefinition, from: Date, to: Date): FunnelQuery {
  return {
    workflow: w.key,
    steps: w.steps,
    from,
    to,
    conversionWindowMs: w.conversionWindowMs,
    orderMode: w.orderMode,
    exclusions: w.exclusions,
    breakdown: { kind: 'department' },
  }
}

/** One workflow's series over both periods: the whole hospital ('') and each department seen in either. */
async function seriesOf(w: WorkflowDefinition, p: InsightPeriods, count: CountFunnel): Promise<SeriesCounts[]> {
  const [previous, current] = await Promise.all([count(queryOf(w, p.previousFrom, p.previousTo)), count(queryOf(w, p.periodFrom, p.periodTo))])
  const labels = w.steps.map((s) => s.label ?? s.event)
  const none = w.steps.map(() => 0)
  const usersIn = (c: FunnelCounts, key: string) => c.groups.find((g) => g.key === key)?.users ?? none
  const departments = [...new Set([...previous.groups, ...current.groups].map((g) => g.key))].filter((d) => !NOT_A_DEPARTMENT.has(d)).sort()
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i])
  return [
    { workflowKey: w.key, department: '', labels, previousUsers: previous.overall, currentUsers: current.overall },
    ...departments
      .map((d) => ({ workflowKey: w.key, department: d, labels, previousUsers: usersIn(previous, d), currentUsers: usersIn(current, d) }))
      // A department that is everyone in the workflow (only the ED triages) would repeat the hospital's finding.
      .filter((s) => !(same(s.previousUsers, previous.overall) && same(s.currentUsers, current.overall))),
  ]
}

function figuresOf(f: DropOffFinding, p: InsightPeriods) {
  return {
    stepLabel: f.stepLabel.slice(0, 80),
    ...p,
    currentBase: f.current.base,
    currentLost: f.current.lost,
    previousBase: f.previous.base,
    previousLost: f.previous.lost,
    zScore: f.z,
    pValue: f.pValue,
    priority: f.priority,
  }
}

type Stored = 'created' | 'updated' | 'kept'

async function storeFinding(tx: Tx, f: DropOffFinding, p: InsightPeriods): Promise<Stored> {
  const key = { kind: DROPOFF_INCREASE, workflowKey: f.workflowKey, step: f.step, department: f.department }
  const figures = figuresOf(f, p)
  const same = await tx.analyticsInsight.findUnique({ where: { kind_workflowKey_step_department_periodFrom: { ...key, periodFrom: p.periodFrom } } })
  if (same) {
    if (same.status === 'task_created') return 'kept'
    await tx.analyticsInsight.update({ where: { id: same.id }, data: figures })
    return 'updated'
  }
  const overlapping = await tx.analyticsInsight.findFirst({
    where: { ...key, periodFrom: { lt: p.periodTo }, periodTo: { gt: p.periodFrom } },
    orderBy: { periodFrom: 'desc' },
  })
  if (overlapping && overlapping.status !== 'open') return 'kept'
  if (overlapping) {
    await tx.analyticsInsight.update({ where: { id: overlapping.id }, data: figures })
    return 'updated'
  }
  await tx.analyticsInsight.create({ data: { ...key, ...figures } })
  return 'created'
}

/** The insights the job turns into improvement tasks in the feedback area (issue 14): open and high priority. */
export const AWAITING_FEEDBACK_TASK = { status: 'open', priority: 'high' } as const

export function insightsAwaitingFeedbackTask() {
  return db.analyticsInsight.findMany({ where: AWAITING_FEEDBACK_TASK, orderBy: { createdAt: 'asc' } })
}

/** One run over every workflow (or the ones named): count, test, store, audit. */
export async function runInsightAnalysis(actor: Actor, opts: InsightRunOptions): Promise<InsightRunSummary> {
  authorize(actor, 'analytics:manage')
  const workflows = (await listWorkflows()).filter((w) => !opts.workflows || opts.workflows.includes(w.key))
  const periods = new Map<string, InsightPeriods>()
  const series: SeriesCounts[] = []
  for (const w of workflows) {
    opts.signal?.throwIfAborted()
    const p = insightPeriods(opts.now, w.conversionWindowMs)
    periods.set(w.key, p)
    series.push(...(await seriesOf(w, p, opts.count)))
  }
  const analysis = findDropOffIncreases(series, opts.k)
  opts.signal?.throwIfAborted()

  return inTransaction(async (tx) => {
    const stored: Record<Stored, number> = { created: 0, updated: 0, kept: 0 }
    for (const f of analysis.findings) stored[await storeFinding(tx, f, periods.get(f.workflowKey)!)]++
    const awaitingFeedbackTask = await tx.analyticsInsight.count({ where: AWAITING_FEEDBACK_TASK })
    const summary: InsightRunSummary = {
      workflows: workflows.length,
      tests: analysis.tests,
      skipped: analysis.skipped,
      significant: analysis.findings.length,
      ...stored,
      awaitingFeedbackTask,
    }
    await recordAudit(
      actor,
      {
        action: 'analytics.insights.run',
        targetType: 'analytics_insight',
        summary: { ...summary, high: analysis.findings.filter((f) => f.priority === 'high').length, workflowKeys: workflows.map((w) => w.key) },
        count: analysis.findings.length,
      },
      tx,
    )
    return summary
  })
}
