/**
 * Weekly retention cohorts, counted in SQL over the raw events (distinct people per cohort and week are
 * not sums of days, so the daily rollups cannot answer): each person's cohort is the ISO week (UTC) of
 * their first start event, ever stored or in the window; they are retained in week N when they have a
 * return event in the N-th week after. One statement returns each cohort's size and retained counts;
 * retention-cohorts.ts shapes them into the table and applies k-anonymity.
 */
import 'server-only'
import { db } from '../db'
import { sqlOfPrisma } from '../tx'
import { shapeRetention, type CohortCount, type RetentionTable } from './retention-cohorts'
import type { RetentionQuery } from './retention-schema'
import { addDays, dayMs, lastWeeks } from './trends-dates'

// $1 window start, $2 window end, $3 start event (NULL: any), $4 return event (NULL: any), $5 whether the
// cohort is the first event ever stored (else the first in the window).
const RETENTION_SQL = `
WITH starts AS (
  SELECT "userKey", date_trunc('week', min("occurredAt") AT TIME ZONE 'UTC')::date AS cohort
  FROM "AnalyticsEvent"
  WHERE ($3::text IS NULL OR event = $3::text) AND "occurredAt" < $2::timestamptz AND ($5::boolean OR "occurredAt" >= $1::timestamptz)
  GROUP BY "userKey"
  HAVING min("occurredAt") >= $1::timestamptz
), returns AS (
  SELECT DISTINCT "userKey", date_trunc('week', "occurredAt" AT TIME ZONE 'UTC')::date AS week
  FROM "AnalyticsEvent"
  WHERE ($4::text IS NULL OR event = $4::text) AND "occurredAt" >= $1::timestamptz AND "occurredAt" < $2::timestamptz
)
SELECT cohort::text, NULL::int AS week, count(*)::int AS users FROM starts GROUP BY cohort
UNION ALL
SELECT s.cohort::text, ((r.week - s.cohort) / 7)::int AS week, count(*)::int AS users
FROM starts s JOIN returns r ON r."userKey" = s."userKey" AND r.week >= s.cohort
GROUP BY 1, 2`

export interface Retention extends RetentionTable {
  query: RetentionQuery
  from: string
  to: string
}

export async function getRetention(query: RetentionQuery, now: Date, k: number): Promise<Retention> {
  const weeks = lastWeeks(now, query.weeks)
  const from = new Date(dayMs(weeks[0]!)).toISOString()
  const to = new Date(dayMs(addDays(weeks.at(-1)!, 7))).toISOString()
  const counts = await sqlOfPrisma(db).query<CohortCount>(RETENTION_SQL, [from, to, query.startEvent, query.returnEvent, query.basis === 'first'])
  return { ...shapeRetention(counts, weeks, k), query, from, to }
}
