/**
 * The funnel as people see it: the engine's raw counts (funnel-engine.ts) with k-anonymity applied
 * (k-anonymity.ts). Every count of people from 1 to k − 1 becomes null, a rate whose numerator or
 * denominator is suppressed is suppressed, a median or percentile over fewer than k people is withheld,
 * and breakdown groups with fewer than k starters are left out (counted in `hiddenGroups`).
 */
import { ApiError } from '../errors'
import { inTransaction, sqlOfPrisma, type Sql } from '../tx'
import { computeFunnelBreakdown, type RawFunnel, type RawSeries } from './funnel-engine'
import { parseFunnelParams, type FunnelParamsInput } from './funnel-params'
import type { FunnelQuery, FunnelReport, FunnelSeries } from './funnel-query'
import { DEFAULT_MIN_GROUP_SIZE, suppressedRate, suppressSmall } from './k-anonymity'
import { listWorkflows } from './workflows'

export function suppressSeries(raw: RawSeries, k: number): FunnelSeries {
  const shown = (n: number) => suppressSmall(n, k) !== null
  return {
    key: raw.key,
    started: suppressSmall(raw.started, k),
    completed: suppressSmall(raw.completed, k),
    steps: raw.steps.map((s, i) => {
      const before = i === 0 ? s.users : raw.steps[i - 1]!.users
      return {
        step: s.step,
        event: s.event,
        label: s.label,
        users: suppressSmall(s.users, k),
        conversion: suppressedRate(s.users, raw.started, k),
        stepConversion: suppressedRate(s.users, before, k),
        // Lost people are people too: shown only when both ends are, and when not fewer than k themselves.
        dropOff: i === 0 ? 0 : shown(s.users) && shown(before) ? suppressSmall(before - s.users, k) : null,
        medianFromPreviousMs: s.users >= k ? s.medianFromPreviousMs : null,
      }
    }),
  }
}

/** The report from raw counts (pure; getFunnelReport runs the engine first). */
export function toFunnelReport(query: FunnelQuery, raw: RawFunnel, k = DEFAULT_MIN_GROUP_SIZE): FunnelReport {
  const visible = raw.groups.filter((g) => g.started >= k)
  const ttc = raw.overall.timeToConvert
  return {
    query,
    minGroupSize: k,
    overall: suppressSeries(raw.overall, k),
    groups: visible.map((g) => suppressSeries(g, k)),
    hiddenGroups: raw.groups.length - visible.length,
    timeToConvert: {
      buckets: ttc.buckets.map((b) => ({ fromMs: b.fromMs, toMs: b.toMs, users: suppressSmall(b.users, k) })),
      medianMs: raw.overall.completed >= k ? ttc.medianMs : null,
      p90Ms: raw.overall.completed >= k ? ttc.p90Ms : null,
    },
  }
}

/** Funnel statements in a transaction of their own, so their settings (FUNNEL_SETTINGS_SQL) apply; up to 2 minutes. */
export function inFunnelTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  return inTransaction((tx) => work(sqlOfPrisma(tx)), { timeout: 120_000 })
}

export async function getFunnelReport(query: FunnelQuery, k = DEFAULT_MIN_GROUP_SIZE): Promise<FunnelReport> {
  return toFunnelReport(query, await inFunnelTransaction((sql) => computeFunnelBreakdown(sql, query)), k)
}

const ERROR_CODE = { 400: 'bad_request', 404: 'not_found', 422: 'invalid' } as const

/** The funnel query of a request's parameters (workflows from the database), or the ApiError to answer. */
export async function funnelQueryOf(params: FunnelParamsInput, now = new Date()): Promise<FunnelQuery> {
  const parsed = parseFunnelParams(params, await listWorkflows(), { now })
  if (!parsed.ok) throw new ApiError(parsed.status, ERROR_CODE[parsed.status], parsed.message, parsed.fields)
  return parsed.query
}
