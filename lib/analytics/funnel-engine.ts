/**
 * The funnel engine: one statement, one pass over the funnel's events in the range. Each user's events, in
 * (time, id) order, give the user's counted chain (lib/analytics/README.md says what each order mode and
 * exclusion counts): through window functions for ordered and strict funnels without exclusions
 * (funnel-windows.ts), else through the ordered aggregate `analytics_funnel_chains` (migration
 * 20261207130000_ana_funnel_chains), which follows every chain event by event. The same statement then counts users per step, the medians between steps and the time-to-convert
 * histogram, for everyone and per breakdown group (GROUPING SETS), so nothing is computed over raw rows in
 * JavaScript. Counts here are RAW: funnel-report.ts applies k-anonymity before anything is shown.
 *
 * - A chain starts with a step-1 event inside [from, to) (in `any` mode, with any step's event); later
 *   steps may fall up to the conversion window after `to`.
 * - Breakdown by a dimension (role, department, site, app version): the value on the user's first event
 *   in the range that could start a chain; '(none)' when that event did not carry it.
 * - Breakdown by flag: the variant of the user's first exposure to the experiment
 *   (ExperimentEvent.analyticsKey = the event's userKey); '(not exposed)' otherwise.
 */
import { unprocessable } from '../errors'
import type { Sql } from '../tx'
import type { FunnelBreakdown } from './funnel-query'
import { windowedPerUser } from './funnel-windows'
import type { FunnelExclusion, OrderMode, WorkflowStep } from './workflow-schema'

/** What the engine needs of a FunnelQuery (a parsed FunnelQuery fits; mode, exclusions and breakdown default). */
export interface EngineQuery {
  steps: readonly WorkflowStep[]
  from: Date
  to: Date
  conversionWindowMs: number
  orderMode?: OrderMode
  exclusions?: readonly FunnelExclusion[]
  breakdown?: FunnelBreakdown
  /**
   * How each user's chains are followed: 'auto' (window functions for ordered and strict funnels without
   * exclusions, the `analytics_funnel_chains` aggregate otherwise) or always 'chains' (tests and the bench
   * compare the two; they count alike).
   */
  engine?: 'auto' | 'chains'
}

export interface RawStep {
  step: number
  event: string
  label: string
  /** Distinct users whose counted chain reached this step. */
  users: number
  /** Median over those users of the time from their previous step to this one (null for step 1 or nobody). */
  medianFromPreviousMs: number | null
}

export interface RawTimeToConvert {
  /** [fromMs, toMs) from the first step to the last; the last bucket also holds a duration of exactly toMs. */
  buckets: { fromMs: number; toMs: number; users: number }[]
  medianMs: number | null
  p90Ms: number | null
}

export interface RawSeries {
  key: string
  started: number
  completed: number
  steps: RawStep[]
  timeToConvert: RawTimeToConvert
}

export interface RawFunnel {
  overall: RawSeries
  /** One per breakdown value that has at least one starter, largest first (empty without a breakdown). */
  groups: RawSeries[]
}

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
/** Time-to-convert bucket edges; those at or past the window are dropped, the window closes the last bucket. */
export const TIME_TO_CONVERT_EDGES = [0, MIN, 5 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY]

export function timeToConvertEdges(windowMs: number): number[] {
  return TIME_TO_CONVERT_EDGES.filter((e) => e < windowMs)
}

export const NO_VALUE = '(none)'
export const NOT_EXPOSED = '(not exposed)'
const MODE_CODE: Record<OrderMode, number> = { ordered: 0, strict: 1, any: 2 }
const IN_RANGE = 1 << 15
const DIMENSION_COLUMN = { role: 'role', department: 'department', site: 'site', appVersion: 'appVersion' } as const

/** The exclusions as the aggregate takes them: afterStep and beforeStep of exclusion j in bits 8j..8j+7. */
export function packExclusions(exclusions: readonly Pick<FunnelExclusion, 'afterStep' | 'beforeStep'>[]): number {
  // Five exclusions need 40 bits: multiply instead of shifting (JavaScript shifts are 32-bit).
  return exclusions.reduce((acc, x, j) => acc + (x.afterStep + 16 * x.beforeStep) * 2 ** (8 * j), 0)
}

/**
 * The two CTEs every funnel statement starts with: `ev` (the funnel's events in the range, with their step
 * and exclusion bits) and `per_user` (u, c = [level, time of step 1..n in ms] of the user's counted chain,
 * and `dim` when a dimension is asked for). `param` appends a value and returns its placeholder; $1, $2, $3
 * must already be from, to and the window in ms.
 */
export function funnelUsersCte(q: EngineQuery, param: (v: unknown) => string, dimension: string | null = null): string {
  const n = q.steps.length
  const mode = q.orderMode ?? 'ordered'
  const exclusions = q.exclusions ?? []
  const condition = (s: { event: string; filters: Record<string, unknown> }) => {
    const c = [`e.event = ${param(s.event)}`]
    if (Object.keys(s.filters).length > 0) c.push(`e.properties @> ${param(JSON.stringify(s.filters))}::jsonb`)
    return c.join(' AND ')
  }
  const bits = [
    ...q.steps.map((s, i) => `CASE WHEN ${condition(s)} THEN ${1 << i} ELSE 0 END`),
    ...exclusions.map((x, j) => `CASE WHEN ${condition(x)} THEN ${1 << (10 + j)} ELSE 0 END`),
    `CASE WHEN e."occurredAt" < $2::timestamptz THEN ${IN_RANGE} ELSE 0 END`,
  ]
  const names = param([...new Set([...q.steps, ...exclusions].map((s) => s.event))])
  const starts = mode === 'any' ? `f & ${IN_RANGE} <> 0 AND f & 1023 <> 0` : `f & ${IN_RANGE | 1} = ${IN_RANGE | 1}`
  const perUserDim = dimension ? `, (array_agg(dim ORDER BY t, id) FILTER (WHERE ${starts}))[1] AS dim` : ''
  // t: the time in ms, from date_part's float8 epoch (off by far less than half a ms for TIMESTAMPTZ(3)
  // values, and the cast to bigint rounds): half the CPU per event of extract's numeric epoch, the same t.
  const ev = `
    ev AS (
      SELECT e."userKey" AS u, (date_part('epoch', e."occurredAt") * 1000)::bigint AS t, e.id${dimension ? `, e."${dimension}" AS dim` : ''}, (${bits.join(' | ')}) AS f
      FROM "AnalyticsEvent" e
      WHERE e."occurredAt" >= $1::timestamptz AND e."occurredAt" < $2::timestamptz + make_interval(secs => $3::bigint / 1000.0)
        AND e.event = ANY(${names}::text[])
    )`
  if ((q.engine ?? 'auto') === 'auto' && exclusions.length === 0 && mode !== 'any') return `${ev}, ${windowedPerUser(n, mode, dimension !== null)}`
  return `${ev}, per_user AS (
      SELECT u, analytics_funnel_chains(f, t, ${n}, $3::bigint, ${MODE_CODE[mode]}, ${param(packExclusions(exclusions))}::bigint ORDER BY t, id) AS c${perUserDim}
      FROM ev WHERE f & ${IN_RANGE - 1} <> 0
      GROUP BY u
    )`
}

/** The SQL and its parameters (exported for EXPLAIN in the benchmark). `experimentId` only for a flag breakdown. */
export function funnelBreakdownSql(q: EngineQuery, experimentId?: string): { text: string; values: unknown[] } {
  const n = q.steps.length
  const breakdown = q.breakdown ?? { kind: 'none' }
  const edges = timeToConvertEdges(q.conversionWindowMs)
  const values: unknown[] = [q.from.toISOString(), q.to.toISOString(), q.conversionWindowMs]
  const param = (v: unknown) => `$${values.push(v)}`
  const dimension = breakdown.kind in DIMENSION_COLUMN ? DIMENSION_COLUMN[breakdown.kind as keyof typeof DIMENSION_COLUMN] : null
  const cte = funnelUsersCte(q, param, dimension)

  let group = `'all'::text`
  let join = ''
  if (dimension) group = `coalesce(p.dim, '${NO_VALUE}')`
  if (breakdown.kind === 'flag') {
    group = `coalesce(x.variant, '${NOT_EXPOSED}')`
    join = `LEFT JOIN (
        SELECT DISTINCT ON ("analyticsKey") "analyticsKey" AS u, variant FROM "ExperimentEvent"
        WHERE "experimentId" = ${param(experimentId)}::uuid AND kind = 'exposure' AND "analyticsKey" IS NOT NULL
        ORDER BY "analyticsKey", at, id
      ) x ON x.u = p.u`
  }
  const grouped = breakdown.kind !== 'none'
  const stepUsers = q.steps.map((_, i) => `count(*) FILTER (WHERE level >= ${i + 1})`).join(', ')
  const stepMedians = q.steps
    .slice(1)
    .map((_, i) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY c[${i + 3}] - c[${i + 2}]) FILTER (WHERE level >= ${i + 2})`)
    .join(', ')
  const buckets = edges.map((_, i) => `count(*) FILTER (WHERE level = ${n} AND width_bucket(c[${n + 1}] - c[2], ${param(edges)}::bigint[]) = ${i + 1})`)

  const text = `
    WITH ${cte}, users AS (
      SELECT ${group} AS g, c[1]::int AS level, c FROM per_user p ${join} WHERE c IS NOT NULL
    )
    SELECT ${grouped ? 'grouping(g) = 1' : 'true'} AS overall, ${grouped ? 'g' : `'all'`} AS key,
      ARRAY[${stepUsers}]::int[] AS users,
      ${n > 1 ? `ARRAY[${stepMedians}]::float8[]` : `'{}'::float8[]`} AS medians,
      percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY c[${n + 1}] - c[2]) FILTER (WHERE level = ${n}) AS ttc,
      ARRAY[${buckets.join(', ')}]::int[] AS buckets
    FROM users
    ${grouped ? 'GROUP BY GROUPING SETS ((), (g))' : ''}`
  return { text, values }
}

interface Row {
  overall: boolean
  key: string
  users: number[]
  medians: (number | null)[]
  ttc: (number | null)[] | null
  buckets: number[]
}

function toSeries(q: EngineQuery, row: Row | undefined, key: string): RawSeries {
  const edges = timeToConvertEdges(q.conversionWindowMs)
  const users = q.steps.map((_, i) => row?.users[i] ?? 0)
  const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v))
  return {
    key,
    started: users[0] ?? 0,
    completed: users.at(-1) ?? 0,
    steps: q.steps.map((s, i) => ({
      step: i + 1,
      event: s.event,
      label: s.label ?? s.event,
      users: users[i] ?? 0,
      medianFromPreviousMs: i === 0 ? null : round(row?.medians[i - 1]),
    })),
    timeToConvert: {
      buckets: edges.map((fromMs, i) => ({ fromMs, toMs: edges[i + 1] ?? q.conversionWindowMs, users: row?.buckets[i] ?? 0 })),
      medianMs: round(row?.ttc?.[0]),
      p90Ms: round(row?.ttc?.[1]),
    },
  }
}

async function experimentIdOf(sql: Sql, key: string): Promise<string> {
  const [row] = await sql.query<{ id: string }>(`SELECT id::text AS id FROM "Experiment" WHERE key = $1`, [key])
  if (!row) throw unprocessable(`There is no experiment "${key}" to break the funnel down by`, { breakdown: ['Unknown experiment'] })
  return row.id
}

/**
 * For the funnel statement's transaction: no JIT (compiling a large funnel's expressions costs seconds and
 * saves less; measured on 10 M events) and room to sort its events in memory. Local to the transaction:
 * outside one (a single autocommitted statement) it changes nothing.
 */
export const FUNNEL_SETTINGS_SQL = `SELECT set_config('jit', 'off', true), set_config('work_mem', '128MB', true)`

/** The funnel for everyone and per breakdown group, with raw (unsuppressed) counts. Run it in a transaction (see FUNNEL_SETTINGS_SQL). */
export async function computeFunnelBreakdown(sql: Sql, query: EngineQuery): Promise<RawFunnel> {
  await sql.query(FUNNEL_SETTINGS_SQL)
  const experimentId = query.breakdown?.kind === 'flag' ? await experimentIdOf(sql, query.breakdown.experiment) : undefined
  const { text, values } = funnelBreakdownSql(query, experimentId)
  const rows = await sql.query<Row>(text, values)
  const overall = rows.find((r) => r.overall)
  const groups = rows
    .filter((r) => !r.overall)
    .map((r) => toSeries(query, r, r.key))
    .sort((a, b) => b.started - a.started || a.key.localeCompare(b.key))
  return { overall: toSeries(query, overall, 'all'), groups }
}
