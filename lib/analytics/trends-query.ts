/**
 * Trends, the reads: events over time from the daily series (rollups.ts), feature adoption per department
 * from the raw events, and the event names a trend may plot. Callers hold analytics:read (the page checks
 * it, the CSV route declares it); nothing here names a person: every figure is a count, k-anonymised by
 * trends.ts before it leaves.
 */
import 'server-only'
import { db } from '../db'
import { sqlOfPrisma } from '../tx'
import { BUILTIN_EVENT_TYPES } from './normalize'
import { shapeAdoption, shapeTrend, type AdoptionFigure, type AdoptionRow, type SeriesRow, type Trend } from './trends'
import { dayMs, lastDays } from './trends-dates'
import type { TrendQuery } from './trends-schema'

/** The registered event names, and the built-in page view: what a trend, adoption or retention may use. */
export async function listTrendEvents(): Promise<string[]> {
  const rows = await db.analyticsEventType.findMany({ where: { status: 'registered' }, select: { name: true }, orderBy: { name: 'asc' } })
  return [...rows.map((r) => r.name), ...Object.keys(BUILTIN_EVENT_TYPES).filter((n) => n === '$page')]
}

/** The chosen events per UTC day over the last `range` days (today so far included). */
export async function getTrend(query: Pick<TrendQuery, 'events' | 'breakdown' | 'measure' | 'range'>, now: Date, k: number): Promise<Trend> {
  const days = lastDays(now, query.range)
  const rows =
    query.events.length === 0
      ? []
      : await sqlOfPrisma(db).query<SeriesRow>(
          `SELECT day::text, event, value, events, users FROM "AnalyticsDailySeries"
           WHERE event = ANY($1::text[]) AND dimension = $2 AND day >= $3::date AND day <= $4::date`,
          [query.events, query.breakdown, days[0], days.at(-1)],
        )
  return shapeTrend(rows, { days, events: query.events, breakdown: query.breakdown, measure: query.measure, k })
}

export interface Adoption {
  feature: string
  from: string
  to: string
  departments: AdoptionFigure[]
}

/**
 * Per department, of the people with any event in the range, the share who used the feature. From the
 * raw events, not the daily rollups: distinct people over a range are not the sum of each day's (one
 * nurse on five days is one adopter, not five), and a day's rollup cannot say who they were.
 */
export async function getAdoption(feature: string, range: number, now: Date, k: number): Promise<Adoption> {
  const from = new Date(dayMs(lastDays(now, range)[0]!))
  const rows = await sqlOfPrisma(db).query<AdoptionRow>(
    `SELECT COALESCE(department, '') AS department, count(DISTINCT "userKey")::int AS active,
            count(DISTINCT "userKey") FILTER (WHERE event = $3)::int AS adopters
     FROM "AnalyticsEvent" WHERE "occurredAt" >= $1::timestamptz AND "occurredAt" <= $2::timestamptz
     GROUP BY 1`,
    [from.toISOString(), now.toISOString(), feature],
  )
  return { feature, from: from.toISOString(), to: now.toISOString(), departments: shapeAdoption(rows, k) }
}
