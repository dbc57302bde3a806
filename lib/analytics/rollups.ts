/**
 * Daily rollups of the raw events, for trends: a day's events are read once per re-roll instead of on
 * every chart. Two tables, per UTC day and event:
 * - "AnalyticsDailyRollup": each combination of the coarse dimensions (department, role, site, app
 *   version) — events add up over any of them; its users are exact per cell only.
 * - "AnalyticsDailySeries": the whole hospital and each value of one dimension, with exact distinct users
 *   (GROUPING SETS), which is what a trend plots and what k-anonymity is judged on.
 * Each is one set-based statement per span of days: the days' groups upserted (rows whose figures did not
 * change are not rewritten) and groups that no longer exist deleted, so a re-roll is exact and idempotent.
 *
 * The analytics-rollups job re-rolls today and yesterday on every run, and every day touched by events
 * received since its cursor: ingest accepts events up to 7 days late, and the seed writes weeks at once.
 * Its first run (no cursor yet) rolls every day that has events, so an install that had events before
 * the job existed gets its whole history.
 */
import { db, getPool } from '../db'
import { inRawTransaction, type Sql } from '../tx'
import { DAY_MS, utcDay } from './trends-dates'

const CURSOR = 'rollups'
/** Batches commit within seconds of their receivedAt (transactions time out after 20 s), as for sessions. */
const OVERLAP_MS = 60_000

// $1 the first day, $2 the last (inclusive): UTC days, whose bounds the event-time index finds.
const DAYS = `"occurredAt" >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND "occurredAt" < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'`
const DAY = `("occurredAt" AT TIME ZONE 'UTC')::date`

const ROLL_CELLS_SQL = `
WITH fresh AS (
  SELECT ${DAY} AS day, event, COALESCE(department, '') AS department, COALESCE(role, '') AS role, COALESCE(site, '') AS site,
         COALESCE("appVersion", '') AS "appVersion", count(*)::int AS events, count(DISTINCT "userKey")::int AS users
  FROM "AnalyticsEvent" WHERE ${DAYS}
  GROUP BY 1, 2, 3, 4, 5, 6
), gone AS (
  DELETE FROM "AnalyticsDailyRollup" r WHERE r.day BETWEEN $1::date AND $2::date
    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE (f.day, f.event, f.department, f.role, f.site, f."appVersion") = (r.day, r.event, r.department, r.role, r.site, r."appVersion"))
  RETURNING 1
), up AS (
  INSERT INTO "AnalyticsDailyRollup" AS r (day, event, department, role, site, "appVersion", events, users, "updatedAt")
  SELECT day, event, department, role, site, "appVersion", events, users, now() FROM fresh
  ON CONFLICT (day, event, department, role, site, "appVersion") DO UPDATE SET events = EXCLUDED.events, users = EXCLUDED.users, "updatedAt" = EXCLUDED."updatedAt"
  WHERE (r.events, r.users) IS DISTINCT FROM (EXCLUDED.events, EXCLUDED.users)
  RETURNING 1
)
SELECT (SELECT count(*) FROM fresh)::int AS groups, (SELECT count(*) FROM up)::int AS written, (SELECT count(*) FROM gone)::int AS deleted`

// In a grouping set the other dimensions are NULL, so COALESCE over all four is the set's own value.
const ROLL_SERIES_SQL = `
WITH fresh AS (
  SELECT ${DAY} AS day, event,
         CASE WHEN GROUPING(department) = 0 THEN 'department' WHEN GROUPING(role) = 0 THEN 'role'
              WHEN GROUPING(site) = 0 THEN 'site' WHEN GROUPING("appVersion") = 0 THEN 'appVersion' ELSE '' END AS dimension,
         COALESCE(department, role, site, "appVersion", '') AS value,
         count(*)::int AS events, count(DISTINCT "userKey")::int AS users
  FROM "AnalyticsEvent" WHERE ${DAYS}
  GROUP BY GROUPING SETS ((${DAY}, event), (${DAY}, event, department), (${DAY}, event, role), (${DAY}, event, site), (${DAY}, event, "appVersion"))
), gone AS (
  DELETE FROM "AnalyticsDailySeries" s WHERE s.day BETWEEN $1::date AND $2::date
    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE (f.day, f.event, f.dimension, f.value) = (s.day, s.event, s.dimension, s.value))
  RETURNING 1
), up AS (
  INSERT INTO "AnalyticsDailySeries" AS s (day, event, dimension, value, events, users, "updatedAt")
  SELECT day, event, dimension, value, events, users, now() FROM fresh
  ON CONFLICT (day, event, dimension, value) DO UPDATE SET events = EXCLUDED.events, users = EXCLUDED.users, "updatedAt" = EXCLUDED."updatedAt"
  WHERE (s.events, s.users) IS DISTINCT FROM (EXCLUDED.events, EXCLUDED.users)
  RETURNING 1
)
SELECT (SELECT count(*) FROM fresh)::int AS groups, (SELECT count(*) FROM up)::int AS written, (SELECT count(*) FROM gone)::int AS deleted`

export interface DayRoll {
  /** Groups the day has now (cells, then series rows). */
  groups: number
  /** Rows inserted or changed. */
  written: number
  /** Rows of groups that no longer exist. */
  deleted: number
}

/**
 * Re-rolls the UTC days from `first` to `last` ("YYYY-MM-DD", inclusive) from the raw events, in the
 * caller's transaction: one statement per table for the whole span (a span of days reads its events once,
 * and the seed's eight weeks roll in one go rather than 56 times two).
 */
export async function rollUpDays(sql: Sql, first: string, last = first): Promise<DayRoll> {
  const total: DayRoll = { groups: 0, written: 0, deleted: 0 }
  for (const text of [ROLL_CELLS_SQL, ROLL_SERIES_SQL]) {
    const [r] = await sql.query<DayRoll>(text, [first, last])
    total.groups += r!.groups
    total.written += r!.written
    total.deleted += r!.deleted
  }
  return total
}

/** The days a run re-rolls: today and yesterday, and the days of newly received events, oldest first. */
export function daysToRoll(now: Date, touched: readonly string[]): string[] {
  return [...new Set([utcDay(now.getTime() - DAY_MS), utcDay(now.getTime()), ...touched])].sort()
}

/** Sorted days as spans of consecutive days: ["01", "02", "05"] → [["01", "02"], ["05", "05"]]. */
export function spansOf(days: readonly string[]): [first: string, last: string][] {
  const spans: [string, string][] = []
  for (const day of days) {
    const last = spans.at(-1)
    if (last && Date.parse(day) - Date.parse(last[1]) === DAY_MS) last[1] = day
    else spans.push([day, day])
  }
  return spans
}

export interface RollupRunResult {
  days: string[]
  written: number
  deleted: number
}

/** The analytics-rollups job: re-rolls the days that changed since the cursor; a transaction per span of consecutive days. */
export async function rollUpAnalytics(now: Date, signal?: AbortSignal): Promise<RollupRunResult> {
  const cursor = await db.analyticsCursor.findUnique({ where: { name: CURSOR } })
  const pool = getPool()
  const touched = (
    await pool.query<{ day: string; received: Date }>(
      `SELECT ("occurredAt" AT TIME ZONE 'UTC')::date::text AS day, max("receivedAt") AS received FROM "AnalyticsEvent"
       WHERE "receivedAt" > $1::timestamptz AND "receivedAt" <= $2::timestamptz GROUP BY 1`,
      [cursor ? new Date(cursor.at.getTime() - OVERLAP_MS).toISOString() : '-infinity', now.toISOString()],
    )
  ).rows
  const days = daysToRoll(now, touched.map((t) => t.day))
  const result: RollupRunResult = { days, written: 0, deleted: 0 }
  for (const [first, last] of spansOf(days)) {
    signal?.throwIfAborted()
    const r = await inRawTransaction((sql) => rollUpDays(sql, first, last))
    result.written += r.written
    result.deleted += r.deleted
  }
  // The cursor moves only after every day is rolled: a run cut short re-rolls them next time.
  let upTo = cursor?.at ?? null
  for (const t of touched) if (!upTo || new Date(t.received) > upTo) upTo = new Date(t.received)
  if (upTo) {
    await pool.query(
      `INSERT INTO "AnalyticsCursor" (name, at) VALUES ($1, $2::timestamptz) ON CONFLICT (name) DO UPDATE SET at = GREATEST("AnalyticsCursor".at, EXCLUDED.at)`,
      [CURSOR, upTo.toISOString()],
    )
  }
  return result
}
