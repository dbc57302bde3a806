/**
 * Result types of the SLO reads (lib/slo/queries.ts). Plain, JSON-safe objects (dates as ISO strings) so
 * that server components can hand them to client charts and `GET /api/slo` can return them as they are.
 * Kept apart from queries.ts so that client components can import the types without 'server-only'.
 */

export const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const
export type BurnWindow = (typeof BURN_WINDOWS)[number]

/** Burn rate per window; null when the window saw no events or the SLO has no budget (target 100 %). */
export type BurnRates = Record<BurnWindow, number | null>

export type SloStatus = 'ok' | 'at_risk' | 'breached'
export type AlertSeverity = 'page' | 'ticket'
export type SloRange = '24h' | '7d' | '30d' | '90d'

/** An open (or, in the detail view, past) burn-rate violation. */
export interface SloAlert {
  id: string
  /** page_1h | page_6h | ticket_1d | ticket_3d */
  rule: string
  severity: AlertSeverity
  openedAt: string
  resolvedAt: string | null
  /** The long-window burn rate when it fired. */
  burnRate: number | null
  incidentId: string | null
  incidentNumber: number | null
}

/** What names an SLO and its objective; the summary and the definition views both start with it. */
export interface SloIdentity {
  key: string
  name: string
  description: string
  sli: string
  /** ratio | threshold */
  sliType: string
  service: string
  /** null when the SLO covers every workflow of the service. */
  workflow: string | null
  /** Objective as a fraction, e.g. 0.999. */
  target: number
}

export interface SloSummary extends SloIdentity {
  /** '30d' / '28d' for rolling windows, 'calendar_month' for calendar months. */
  window: string
  windowStart: string
  windowEnd: string
  /** occurrences | timeslices */
  budgeting: string
  /** Good / total (events or timeslices) in the window; null when the window saw no events. */
  compliance: number | null
  good: number
  total: number
  /** Fraction of the window's error budget left (can go below 0 once overspent); 0 for a 100 % target with any error, 1 with none. */
  budgetRemaining: number | null
  /** The budget left expressed as time at the window's length: remaining × (1 − target) × window minutes. */
  budgetRemainingMinutes: number | null
  burnRates: BurnRates
  status: SloStatus
  /** Open violations, newest first. */
  alerts: SloAlert[]
  /** One point per day for the last 30 days (in WARDROOM_TIMEZONE), oldest first. */
  sparkline: { day: string; compliance: number | null }[]
}

export interface SloDefinitionView extends SloIdentity {
  id: string
  threshold: number | null
  comparator: string | null
  windowKind: string
  windowDays: number
  budgeting: string
  timesliceMinutes: number
  timesliceTarget: number
  minEvents: number
  pageEnabled: boolean
  ticketEnabled: boolean
  escalationPolicyId: string | null
  guardsRollouts: boolean
  /** When it was archived (no longer evaluated or on the dashboard; history kept), or null. */
  archivedAt: string | null
}

/** Series points are instants: `t` is the END of the bucket a point sums (the last one is now). */
export interface CompliancePoint {
  t: string
  compliance: number | null
  good: number
  total: number
}

export interface BudgetPoint {
  t: string
  /** Fraction of the SLO window's budget left at that time (rolling window ending at t). */
  budgetRemaining: number | null
}

export interface BurnRatePoint {
  t: string
  r1h: number | null
  r6h: number | null
  r1d: number | null
  r3d: number | null
}

/** The numbers an alert decision used, stored on the violation. */
export interface RuleWorkings {
  rule: string
  severity: AlertSeverity
  longWindow: BurnWindow
  shortWindow: BurnWindow
  threshold: number
  longBurnRate: number | null
  shortBurnRate: number | null
  longEvents: number
  shortEvents: number
  minEvents: number
  fired: boolean
  /** Why a rule over threshold did not fire (low traffic), when it did not. */
  suppressed?: 'low_traffic'
}

export interface ViolationWorkings {
  target: number
  /** The SLO window's length the thresholds were scaled to (720 h for 30 days). */
  windowHours: number
  evaluatedAt: string
  burnRates: BurnRates
  events: Record<BurnWindow, number>
  rules: RuleWorkings[]
  /** Burn rates when the rule cleared and the violation resolved. */
  cleared?: { at: string; burnRates: BurnRates }
}

export interface SloViolationView extends SloAlert {
  service: string
  workings: ViolationWorkings | null
}

export interface SloDetail {
  slo: SloDefinitionView
  summary: SloSummary
  range: SloRange
  from: string
  to: string
  /** Width of one chart bucket, in minutes. */
  bucketMinutes: number
  compliance: CompliancePoint[]
  budget: BudgetPoint[]
  burnRates: BurnRatePoint[]
  /** Alert thresholds scaled to the SLO's window: page [1 h rule, 6 h rule], ticket [1 d rule, 3 d rule]. */
  thresholds: { page: [number, number]; ticket: [number, number] }
  violations: SloViolationView[]
}

/** Per-SLO figures for a report period. */
export interface PeriodFigure {
  key: string
  name: string
  service: string
  workflow: string | null
  target: number
  budgeting: string
  /** Good / total events (timeslices for timeslice SLOs) in the period. */
  good: number
  total: number
  compliance: number | null
  /** Errors in the period as a fraction of the period's budget (errors ÷ ((1 − target) × total)); null without events, or for a 100 % target with errors (no budget). */
  budgetUsed: number | null
  violations: number
  incidents: number
  /** Mean time from opening to resolution of the resolved incidents linked to the period's violations. */
  mttrMinutes: number | null
}
