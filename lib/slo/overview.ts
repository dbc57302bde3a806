/**
 * The SLO reads behind the dashboard, `GET /api/slo` and the reports. Kept free of 'server-only' so that
 * jobs and the benchmark (plain Node) can call them; UI code imports them through queries.ts.
 */
import { db } from '../db'
import { env } from '../env'
import type { Slo } from '../generated/prisma/client'
import { burnState, publicRates } from './burn-state'
import { budgetConsumed, budgetRemaining, budgetRemainingMinutes, burnRate, burnThresholds, compliance, finiteOrNull, sloStatus } from './math'
import { readBurnSums, readGrid, readRangeSums, readWindowAndDays, type GridCell, type Sums } from './sums'
import type {
  AlertSeverity,
  BudgetPoint,
  BurnRatePoint,
  CompliancePoint,
  PeriodFigure,
  SloAlert,
  SloDefinitionView,
  SloIdentity,
  SloDetail,
  SloRange,
  SloStatus,
  SloSummary,
  SloViolationView,
  ViolationWorkings,
} from './types'
import { burnWindowEnd, floorTo, lastLocalDays, MINUTE_MS, RANGES, sloWindow, windowHours, windowStartAt } from './windows'

export interface ReadOptions {
  /** Defaults to WARDROOM_TIMEZONE. */
  timeZone?: string
}

const SPARKLINE_DAYS = 30
const STATUS_RANK: Record<SloStatus, number> = { breached: 0, at_risk: 1, ok: 2 }

type ViolationRow = { id: string; sloId: string; service: string; rule: string; severity: string; openedAt: Date; resolvedAt: Date | null; workings: unknown; incidentId: string | null }

async function incidentNumbers(ids: (string | null)[]): Promise<Map<string, number>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))]
  if (wanted.length === 0) return new Map()
  const rows = await db.incident.findMany({ where: { id: { in: wanted } }, select: { id: true, number: true } })
  return new Map(rows.map((r) => [r.id, r.number]))
}

function toAlert(v: ViolationRow, numbers: Map<string, number>): SloAlert {
  const w = v.workings as Partial<ViolationWorkings> | null
  return {
    id: v.id,
    rule: v.rule,
    severity: v.severity as AlertSeverity,
    openedAt: v.openedAt.toISOString(),
    resolvedAt: v.resolvedAt?.toISOString() ?? null,
    burnRate: w?.rules?.find((r) => r.rule === v.rule)?.longBurnRate ?? null,
    incidentId: v.incidentId,
    incidentNumber: v.incidentId ? (numbers.get(v.incidentId) ?? null) : null,
  }
}

/** The fields that name an SLO and its objective, the same in the summary and the definition views. */
function identityOf(slo: Slo): SloIdentity {
  return {
    key: slo.key,
    name: slo.name,
    description: slo.description,
    sli: slo.sli,
    sliType: slo.sliType,
    service: slo.service,
    workflow: slo.workflow || null,
    target: slo.target,
  }
}

function definitionOf(slo: Slo): SloDefinitionView {
  return {
    id: slo.id,
    ...identityOf(slo),
    threshold: slo.threshold,
    comparator: slo.comparator,
    windowKind: slo.windowKind,
    windowDays: slo.windowDays,
    budgeting: slo.budgeting,
    timesliceMinutes: slo.timesliceMinutes,
    timesliceTarget: slo.timesliceTarget,
    minEvents: slo.minEvents,
    pageEnabled: slo.pageEnabled,
    ticketEnabled: slo.ticketEnabled,
    escalationPolicyId: slo.escalationPolicyId,
    guardsRollouts: slo.guardsRollouts,
    archivedAt: slo.archivedAt?.toISOString() ?? null,
  }
}

/** Summaries of the given SLOs at `now`: three statements whatever their number. */
async function summarize(slos: Slo[], now: Date, timeZone: string): Promise<SloSummary[]> {
  if (slos.length === 0) return []
  const days = lastLocalDays(now, SPARKLINE_DAYS, timeZone)
  const end = burnWindowEnd(now)
  const bounds = new Map(slos.map((s) => [s.id, sloWindow(s, now, timeZone)]))
  const ranges = slos.map((slo) => {
    const b = bounds.get(slo.id)!
    return { slo, from: new Date(Math.min(b.start.getTime(), days[0]!.start.getTime())), to: end, mark: b.start }
  })
  const [windows, burns, open] = await Promise.all([
    readWindowAndDays(
      ranges,
      days.map((d) => d.start),
    ),
    readBurnSums(slos, now),
    db.sloViolation.findMany({ where: { resolvedAt: null, sloId: { in: slos.map((s) => s.id) } }, orderBy: { openedAt: 'desc' } }),
  ])
  const numbers = await incidentNumbers(open.map((v) => v.incidentId))
  return slos.map((slo): SloSummary => {
    const b = bounds.get(slo.id)!
    const wd = windows.get(slo.id)!
    const state = burnState(slo, burns.get(slo.id)!.byWindow, windowHours(b))
    const alerts = open.filter((v) => v.sloId === slo.id).map((v) => toAlert(v, numbers))
    const c = compliance(wd.window)
    const remaining = budgetRemaining(wd.window, slo.target)
    return {
      ...identityOf(slo),
      window: b.label,
      windowStart: b.start.toISOString(),
      windowEnd: b.end.toISOString(),
      budgeting: slo.budgeting,
      compliance: c,
      good: wd.window.good,
      total: wd.window.total,
      budgetRemaining: remaining,
      budgetRemainingMinutes: budgetRemainingMinutes(remaining, slo.target, b.minutes),
      burnRates: publicRates(state.rates),
      status: sloStatus({
        compliance: c,
        target: slo.target,
        budgetRemaining: remaining,
        firing: Boolean(state.decision.page || state.decision.ticket) || alerts.length > 0,
      }),
      alerts,
      sparkline: days.map((d, i) => ({ day: d.day, compliance: compliance(wd.days[i]!) })),
    }
  })
}

/** Worst first: breached, at risk, ok; then the least budget left. */
export function worstFirst(a: SloSummary, b: SloSummary): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status] || (a.budgetRemaining ?? 1) - (b.budgetRemaining ?? 1) || a.key.localeCompare(b.key)
}

/** Every SLO in force (archived ones are left out), worst first. */
export async function getSloOverview(now: Date = new Date(), opts: ReadOptions = {}): Promise<SloSummary[]> {
  const slos = await db.slo.findMany({ where: { archivedAt: null }, orderBy: { key: 'asc' } })
  return (await summarize(slos, now, opts.timeZone ?? env.WARDROOM_TIMEZONE)).sort(worstFirst)
}

/** The SLOs in force of one service (by its key): the roadmap reads their error budget as SLO debt. */
export async function getServiceSloSummaries(service: string, now: Date = new Date(), opts: ReadOptions = {}): Promise<SloSummary[]> {
  const slos = await db.slo.findMany({ where: { archivedAt: null, service }, orderBy: { key: 'asc' } })
  return summarize(slos, now, opts.timeZone ?? env.WARDROOM_TIMEZONE)
}

/** Prefix sums over grid cells, for window sums at any bucket end in O(log n). */
function prefixSums(cells: GridCell[]) {
  const times = cells.map((c) => c.t.getTime())
  const good = [0]
  const total = [0]
  const events = [0]
  for (const c of cells) {
    good.push(good[good.length - 1]! + c.good)
    total.push(total[total.length - 1]! + c.total)
    events.push(events[events.length - 1]! + c.events)
  }
  const lowerBound = (t: number) => {
    let lo = 0
    let hi = times.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (times[mid]! < t) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  /** Sums of the cells starting in [from, to). */
  return (from: number, to: number): Sums => {
    const i = lowerBound(from)
    const j = lowerBound(to)
    if (j <= i) return { good: 0, total: 0, events: 0 }
    return { good: good[j]! - good[i]!, total: total[j]! - total[i]!, events: events[j]! - events[i]! }
  }
}

const HOUR = 60 * MINUTE_MS

export async function getSloDetail(key: string, range: SloRange, now: Date = new Date(), opts: ReadOptions = {}): Promise<SloDetail | null> {
  const timeZone = opts.timeZone ?? env.WARDROOM_TIMEZONE
  const slo = await db.slo.findUnique({ where: { key } })
  if (!slo) return null
  const spec = RANGES[range]
  const to = burnWindowEnd(now)
  const from = floorTo(new Date(to.getTime() - spec.minutes * MINUTE_MS), spec.bucketMinutes)
  const fetchFrom = new Date(Math.min(windowStartAt(slo, from, timeZone).getTime(), from.getTime() - 72 * HOUR))
  const [summary, cells, violations] = await Promise.all([
    summarize([slo], now, timeZone).then((s) => s[0]!),
    readGrid(slo, fetchFrom, to, spec.gridMinutes),
    db.sloViolation.findMany({
      where: { sloId: slo.id, openedAt: { lt: to }, OR: [{ resolvedAt: null }, { resolvedAt: { gte: from } }] },
      orderBy: { openedAt: 'desc' },
      take: 200,
    }),
  ])
  const sum = prefixSums(cells)
  const ends: number[] = []
  const step = spec.bucketMinutes * MINUTE_MS
  for (let e = from.getTime() + step; e < to.getTime(); e += step) ends.push(e)
  ends.push(to.getTime())

  const complianceSeries: CompliancePoint[] = []
  const budget: BudgetPoint[] = []
  const burnRates: BurnRatePoint[] = []
  const rate = (e: number, hours: number) => finiteOrNull(burnRate(sum(e - hours * HOUR, e), slo.target))
  let prev = from.getTime()
  for (const e of ends) {
    const t = new Date(e).toISOString()
    const bucket = sum(prev, e)
    complianceSeries.push({ t, compliance: compliance(bucket), good: bucket.good, total: bucket.total })
    const window = sum(windowStartAt(slo, new Date(e), timeZone).getTime(), e)
    budget.push({ t, budgetRemaining: window.total > 0 ? budgetRemaining(window, slo.target) : null })
    burnRates.push({ t, r1h: rate(e, 1), r6h: rate(e, 6), r1d: rate(e, 24), r3d: rate(e, 72) })
    prev = e
  }
  const numbers = await incidentNumbers(violations.map((v) => v.incidentId))
  return {
    slo: definitionOf(slo),
    summary,
    range,
    from: from.toISOString(),
    to: to.toISOString(),
    bucketMinutes: spec.bucketMinutes,
    compliance: complianceSeries,
    budget,
    burnRates,
    thresholds: burnThresholds(windowHours(sloWindow(slo, now, timeZone))),
    violations: violations.map(
      (v): SloViolationView => ({ ...toAlert(v, numbers), service: v.service, workings: (v.workings as unknown as ViolationWorkings | null) ?? null }),
    ),
  }
}

export async function getPeriodFigures(from: Date, to: Date): Promise<PeriodFigure[]> {
  // An SLO archived during the period still reports it; one archived before it does not.
  const slos = await db.slo.findMany({ where: { OR: [{ archivedAt: null }, { archivedAt: { gt: from } }] }, orderBy: { key: 'asc' } })
  const [sums, violations] = await Promise.all([
    readRangeSums(slos.map((slo) => ({ slo, from, to }))),
    db.sloViolation.findMany({ where: { openedAt: { gte: from, lt: to }, sloId: { in: slos.map((s) => s.id) } }, select: { sloId: true, incidentId: true } }),
  ])
  const incidentIds = [...new Set(violations.map((v) => v.incidentId).filter((x): x is string => Boolean(x)))]
  const incidents = incidentIds.length
    ? await db.incident.findMany({ where: { id: { in: incidentIds } }, select: { id: true, triggeredAt: true, resolvedAt: true } })
    : []
  const byId = new Map(incidents.map((i) => [i.id, i]))
  return slos.map((slo): PeriodFigure => {
    const s = sums.get(slo.id)!
    const own = violations.filter((v) => v.sloId === slo.id)
    const linked = [...new Set(own.map((v) => v.incidentId).filter((x): x is string => Boolean(x)))].map((id) => byId.get(id)).filter((i) => i !== undefined)
    const resolved = linked.filter((i) => i.resolvedAt)
    const mttr = resolved.length
      ? resolved.reduce((acc, i) => acc + (i.resolvedAt!.getTime() - i.triggeredAt.getTime()), 0) / resolved.length / MINUTE_MS
      : null
    return {
      key: slo.key,
      name: slo.name,
      service: slo.service,
      workflow: slo.workflow || null,
      target: slo.target,
      budgeting: slo.budgeting,
      good: s.good,
      total: s.total,
      compliance: compliance(s),
      budgetUsed: s.total > 0 ? finiteOrNull(budgetConsumed(s, slo.target)) : null,
      violations: own.length,
      incidents: linked.length,
      mttrMinutes: mttr,
    }
  })
}

/** Violations of an SLO opened since `since` (the feature-flag guard rolls back after more than 3). */
export async function countViolations(sloKey: string, since: Date): Promise<number> {
  return db.sloViolation.count({ where: { slo: { key: sloKey }, openedAt: { gte: since } } })
}
