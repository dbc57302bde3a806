/**
 * "Show the sessions" of the people a funnel lost at a step: the users whose counted chain (funnel-engine.ts)
 * reached step − 1 and no further, most recent chain first, each with the sessions (AnalyticsSession) that
 * overlap their chain — from its step 1 to the conversion window after it — and the events of each session
 * in order. Pseudonymous: a person is a shortened pseudonym. Nobody is listed when fewer than k were lost.
 */
import { unprocessable } from '../errors'
import type { Sql } from '../tx'
import { FUNNEL_SETTINGS_SQL, funnelUsersCte, type EngineQuery } from './funnel-engine'
import type { DropOffList, DropOffPerson } from './funnel-query'
import { inFunnelTransaction } from './funnel-report'
import { DEFAULT_MIN_GROUP_SIZE, suppressSmall } from './k-anonymity'

export const MAX_DROP_OFF_LIMIT = 500
/** Events named per session at most (eventCount still counts them all). */
export const MAX_SESSION_EVENTS = 100

/** `u_AbCdEf…`: enough to tell people in the list apart, not the whole pseudonym. */
export function shortPseudonym(key: string): string {
  return key.length > 9 ? `${key.slice(0, 8)}…` : key
}

interface LostRow {
  lost: number
  u: string | null
  started: string | null
}

interface SessionRow {
  u: string
  started_at: string
  ended_at: string
  event_count: number
  events: string[] | null
}

export async function findDropOffs(sql: Sql, query: EngineQuery, step: number, opts: { limit?: number } = {}, k = DEFAULT_MIN_GROUP_SIZE): Promise<DropOffList> {
  if (!Number.isInteger(step) || step < 2 || step > query.steps.length) {
    throw unprocessable(`step is a step of the funnel from 2 to ${query.steps.length}`, { step: [`From 2 to ${query.steps.length}`] })
  }
  const limit = Math.min(Math.max(1, Math.trunc(opts.limit ?? 25)), MAX_DROP_OFF_LIMIT)
  const values: unknown[] = [query.from.toISOString(), query.to.toISOString(), query.conversionWindowMs]
  const param = (v: unknown) => `$${values.push(v)}`
  const cte = funnelUsersCte(query, param)
  await sql.query(FUNNEL_SETTINGS_SQL)
  // The count and the most recent `limit` in one statement; a row with u NULL when nobody was lost.
  const rows = await sql.query<LostRow>(
    `WITH ${cte}, lost AS (SELECT u, c[2] AS started FROM per_user WHERE c[1] = ${param(step - 1)}::int)
     SELECT (SELECT count(*) FROM lost)::int AS lost, l.u, to_char(to_timestamp(l.started / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS started
     FROM (SELECT 1) one LEFT JOIN (SELECT * FROM lost ORDER BY started DESC, u LIMIT ${param(limit)}::int) l ON true`,
    values,
  )
  const lost = rows[0]?.lost ?? 0
  const shown = suppressSmall(lost, k)
  const people = rows.filter((r): r is LostRow & { u: string; started: string } => r.u !== null && r.started !== null)
  if (shown === null || people.length === 0) return { step, lost: shown, people: [] }

  const sessions = await sql.query<SessionRow>(
    `SELECT s."userKey" AS u, to_char(s."startedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS started_at,
            to_char(s."endedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ended_at, s."eventCount" AS event_count,
            (SELECT (array_agg(e.event ORDER BY e."occurredAt", e.id))[1:$4]
               FROM "AnalyticsEvent" e WHERE e."userKey" = s."userKey" AND e."occurredAt" >= s."startedAt" AND e."occurredAt" <= s."endedAt") AS events
     FROM unnest($1::text[], $2::timestamptz[]) AS l(u, started)
     JOIN "AnalyticsSession" s ON s."userKey" = l.u AND s."startedAt" <= l.started + make_interval(secs => $3::bigint / 1000.0) AND s."endedAt" >= l.started
     ORDER BY s."userKey", s."startedAt"`,
    [people.map((p) => p.u), people.map((p) => p.started), query.conversionWindowMs, MAX_SESSION_EVENTS],
  )
  const byUser = new Map<string, DropOffPerson['sessions']>()
  for (const s of sessions) {
    const list = byUser.get(s.u) ?? []
    list.push({ startedAt: s.started_at, endedAt: s.ended_at, eventCount: s.event_count, events: s.events ?? [] })
    byUser.set(s.u, list)
  }
  return {
    step,
    lost: shown,
    people: people.map((p) => ({ person: shortPseudonym(p.u), reachedStep: step - 1, startedAt: p.started, sessions: byUser.get(p.u) ?? [] })),
  }
}

/** The drop-offs of a funnel query (its breakdown does not narrow them). */
export async function listDropOffs(query: EngineQuery, step: number, opts: { limit?: number } = {}, k = DEFAULT_MIN_GROUP_SIZE): Promise<DropOffList> {
  return inFunnelTransaction((sql) => findDropOffs(sql, query, step, opts, k))
}
