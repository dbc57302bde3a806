/**
 * Set-based reads of SloRollup, shared by the evaluate job, the overview, the detail charts and reports.
 *
 * Every read goes through one "units" CTE: for occurrence SLOs a unit is a rollup row (good/total events);
 * for timeslice SLOs it is a timeslice (date_bin of the SLO's slice width from the epoch) scored 1/1 when
 * its good/total meets the slice target, 0/1 when not, and left out when it saw no events. Each unit also
 * carries its raw event count (`events`) for the low-traffic guard. The SLOs and their ranges come in as
 * arrays (unnest), so one statement serves any number of SLOs.
 */
import { getPool } from '../db'
import type { Slo } from '../generated/prisma/client'
import { BURN_WINDOWS, type BurnWindow } from './types'
import { burnWindowEnd, burnWindowStart } from './windows'

export interface Sums {
  good: number
  total: number
  events: number
}

export type SloSpec = Pick<Slo, 'id' | 'budgeting' | 'timesliceMinutes' | 'timesliceTarget'>

export interface SloRange {
  slo: SloSpec
  from: Date
  to: Date
  /** A per-query instant (e.g. the compliance window's start inside a longer range). */
  mark?: Date
}

/** 1e-9 slack as in math.ts `isGoodSlice`. */
const UNITS_CTE = `
  w AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::float8[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[])
      AS w(id, budgeting, slice, st, "from", "to", mark)
  ), units AS (
    SELECT r."sloId", r.minute AS t, r.good::float8 AS good, r.total::float8 AS total, r.total::float8 AS events
    FROM w JOIN "SloRollup" r ON r."sloId" = w.id AND r.minute >= w."from" AND r.minute < w."to"
    WHERE w.budgeting <> 'timeslices'
    UNION ALL
    SELECT x."sloId", x.t, CASE WHEN x.good >= (x.st - 1e-9) * x.total THEN 1 ELSE 0 END, 1, x.total
    FROM (
      SELECT r."sloId", date_bin(make_interval(mins => w.slice), r.minute, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS t,
             sum(r.good)::float8 AS good, sum(r.total)::float8 AS total, min(w.st) AS st
      FROM w JOIN "SloRollup" r ON r."sloId" = w.id AND r.minute >= w."from" AND r.minute < w."to"
      WHERE w.budgeting = 'timeslices'
      GROUP BY 1, 2
    ) x
    WHERE x.total > 0
  )`

function rangeParams(ranges: readonly SloRange[]): unknown[] {
  return [
    ranges.map((r) => r.slo.id),
    ranges.map((r) => r.slo.budgeting),
    ranges.map((r) => r.slo.timesliceMinutes),
    ranges.map((r) => r.slo.timesliceTarget),
    ranges.map((r) => r.from),
    ranges.map((r) => r.to),
    ranges.map((r) => r.mark ?? r.from),
  ]
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v))
const EMPTY: Sums = { good: 0, total: 0, events: 0 }

export interface BurnSums {
  byWindow: Record<BurnWindow, Sums>
}

/** Good/total/events per burn window (5 m … 3 d) ending with the current minute, for each SLO, in one statement. */
export async function readBurnSums(slos: readonly SloSpec[], now: Date): Promise<Map<string, BurnSums>> {
  const out = new Map<string, BurnSums>()
  if (slos.length === 0) return out
  const end = burnWindowEnd(now)
  const from = burnWindowStart(now, '3d')
  const starts = BURN_WINDOWS.map((w) => burnWindowStart(now, w))
  const cols = BURN_WINDOWS.map(
    (w, i) =>
      `sum(good) FILTER (WHERE t >= $${8 + i}) AS "g${w}", sum(total) FILTER (WHERE t >= $${8 + i}) AS "n${w}", sum(events) FILTER (WHERE t >= $${8 + i}) AS "e${w}"`,
  )
  const sql = `WITH ${UNITS_CTE} SELECT "sloId" AS id, ${cols.join(', ')} FROM units GROUP BY 1`
  const { rows } = await getPool().query<Record<string, unknown>>(sql, [...rangeParams(slos.map((slo) => ({ slo, from, to: end }))), ...starts])
  const byId = new Map(rows.map((r) => [String(r.id), r]))
  for (const slo of slos) {
    const r = byId.get(slo.id)
    const byWindow = Object.fromEntries(
      BURN_WINDOWS.map((w) => [w, r ? { good: num(r[`g${w}`]), total: num(r[`n${w}`]), events: num(r[`e${w}`]) } : { ...EMPTY }]),
    ) as Record<BurnWindow, Sums>
    out.set(slo.id, { byWindow })
  }
  return out
}

export interface WindowAndDays {
  /** Sums from `mark` (the SLO window's start) to `to`. */
  window: Sums
  /** Sums per day, in the order of the `dayStarts` given (days with no units are zero). */
  days: Sums[]
}

/**
 * For each SLO: the sums of its current window (from `mark`) and per day over [from, to), in one statement
 * (the overview's compliance, budget and sparkline). Days are given as their start instants (local
 * midnights, ascending; the last day runs to `to`), so no row needs a time-zone conversion.
 */
export async function readWindowAndDays(ranges: readonly SloRange[], dayStarts: readonly Date[]): Promise<Map<string, WindowAndDays>> {
  const out = new Map<string, WindowAndDays>()
  for (const r of ranges) out.set(r.slo.id, { window: { ...EMPTY }, days: dayStarts.map(() => ({ ...EMPTY })) })
  if (ranges.length === 0) return out
  const sql = `WITH ${UNITS_CTE}
    SELECT u."sloId" AS id, width_bucket(u.t, $8::timestamptz[]) AS b,
           sum(u.good) AS good, sum(u.total) AS total, sum(u.events) AS events,
           sum(u.good) FILTER (WHERE u.t >= w.mark) AS wgood, sum(u.total) FILTER (WHERE u.t >= w.mark) AS wtotal,
           sum(u.events) FILTER (WHERE u.t >= w.mark) AS wevents
    FROM units u JOIN w ON w.id = u."sloId"
    GROUP BY 1, 2`
  const { rows } = await getPool().query<Record<string, unknown>>(sql, [...rangeParams(ranges), dayStarts])
  for (const r of rows) {
    const entry = out.get(String(r.id))
    if (!entry) continue
    // width_bucket: 0 before the first start, i within day i − 1.
    const day = entry.days[Number(r.b) - 1]
    if (day) {
      day.good += num(r.good)
      day.total += num(r.total)
      day.events += num(r.events)
    }
    entry.window.good += num(r.wgood)
    entry.window.total += num(r.wtotal)
    entry.window.events += num(r.wevents)
  }
  return out
}

export interface GridCell extends Sums {
  t: Date
}

/** One SLO's units summed into cells of `gridMinutes` (from the epoch) over [from, to), oldest first. */
export async function readGrid(slo: SloSpec, from: Date, to: Date, gridMinutes: number): Promise<GridCell[]> {
  const sql = `WITH ${UNITS_CTE}
    SELECT date_bin(make_interval(mins => $8), t, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS t,
           sum(good) AS good, sum(total) AS total, sum(events) AS events
    FROM units GROUP BY 1 ORDER BY 1`
  const { rows } = await getPool().query<{ t: Date; good: unknown; total: unknown; events: unknown }>(sql, [
    ...rangeParams([{ slo, from, to }]),
    gridMinutes,
  ])
  return rows.map((r) => ({ t: new Date(r.t), good: num(r.good), total: num(r.total), events: num(r.events) }))
}

/** Sums per SLO over each SLO's own [from, to). */
export async function readRangeSums(ranges: readonly SloRange[]): Promise<Map<string, Sums>> {
  const out = new Map<string, Sums>()
  for (const r of ranges) out.set(r.slo.id, { ...EMPTY })
  if (ranges.length === 0) return out
  const sql = `WITH ${UNITS_CTE} SELECT "sloId" AS id, sum(good) AS good, sum(total) AS total, sum(events) AS events FROM units GROUP BY 1`
  const { rows } = await getPool().query<Record<string, unknown>>(sql, rangeParams(ranges))
  for (const r of rows) out.set(String(r.id), { good: num(r.good), total: num(r.total), events: num(r.events) })
  return out
}
