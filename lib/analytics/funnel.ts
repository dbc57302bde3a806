/**
 * A workflow's funnel over a time range, computed by PostgreSQL in one pass over the step events: each
 * user's events, in time order, go through the ordered aggregate `analytics_funnel` (migration
 * 20261207062500_ana), which keeps per step the start of the latest chain that reached it within the
 * conversion window (ClickHouse's windowFunnel). Counts are of distinct pseudonymous users.
 * - A chain starts with a step-1 event inside [from, to); later steps may fall up to the window after `to`.
 * - Steps are ordered; other events between them do not matter. One event advances at most one step.
 * - `medianMs`: median time from the first step to the last over users who completed, first completion each.
 */
import type { Sql } from '../tx'
import type { WorkflowStep } from './workflow-schema'

export interface FunnelStepResult {
  step: number
  event: string
  label: string
  users: number
  /** Share of step 1's users (1 for step 1; 0 when nobody started). */
  conversion: number
  /** Users who reached the previous step but not this one. */
  dropOff: number
}

export interface FunnelResult {
  steps: FunnelStepResult[]
  started: number
  completed: number
  medianMs: number | null
}

export interface FunnelQuery {
  steps: readonly WorkflowStep[]
  from: Date
  to: Date
  conversionWindowMs: number
}

/** The SQL and its parameters (exported for EXPLAIN in the benchmark). */
export function funnelSql(q: FunnelQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [q.from.toISOString(), q.to.toISOString(), q.steps.length, q.conversionWindowMs]
  const param = (v: unknown) => `$${values.push(v)}`
  const masks = q.steps.map((s, i) => {
    const conditions = [`e.event = ${param(s.event)}`]
    if (Object.keys(s.filters).length > 0) conditions.push(`e.properties @> ${param(JSON.stringify(s.filters))}::jsonb`)
    if (i === 0) conditions.push(`e."occurredAt" < $2::timestamptz`)
    return `CASE WHEN ${conditions.join(' AND ')} THEN ${1 << i} ELSE 0 END`
  })
  const events = param([...new Set(q.steps.map((s) => s.event))])
  const text = `
    WITH per_user AS (
      SELECT analytics_funnel(${masks.join(' | ')}, (extract(epoch FROM e."occurredAt") * 1000)::bigint, $3::int, $4::bigint ORDER BY e."occurredAt", e.id) AS st
      FROM "AnalyticsEvent" e
      WHERE e."occurredAt" >= $1::timestamptz AND e."occurredAt" < $2::timestamptz + make_interval(secs => $4::bigint / 1000.0)
        AND e.event = ANY(${events}::text[])
      GROUP BY e."userKey"
    ), levels AS (
      SELECT (SELECT count(*) FROM generate_subscripts(st, 1) k WHERE k <= $3::int AND st[k] >= 0)::int AS level, st[$3::int + 1] AS took
      FROM per_user
    )
    SELECT k AS step, (SELECT count(*) FROM levels WHERE level >= k)::int AS users,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY took) FROM levels WHERE took >= 0)::float8 AS median
    FROM generate_series(1, $3::int) k ORDER BY k`
  return { text, values }
}

export async function computeFunnel(sql: Sql, q: FunnelQuery): Promise<FunnelResult> {
  const { text, values } = funnelSql(q)
  const rows = await sql.query<{ step: number; users: number; median: number | null }>(text, values)
  const started = rows[0]?.users ?? 0
  const steps = q.steps.map((s, i) => {
    const users = rows[i]?.users ?? 0
    const before = i === 0 ? users : (rows[i - 1]?.users ?? 0)
    return { step: i + 1, event: s.event, label: s.label ?? s.event, users, conversion: started === 0 ? 0 : users / started, dropOff: before - users }
  })
  return { steps, started, completed: steps.at(-1)?.users ?? 0, medianMs: rows[0]?.median ?? null }
}
