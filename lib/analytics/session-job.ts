/**
 * The analytics-sessions job: sessions are computed once, as events arrive, not on every query. Each run
 * takes the users with events received since the last run (with an overlap, so that a batch committed a
 * little after its `receivedAt` is not missed: recomputing is idempotent), and for each user recomputes
 * the sessions from the start of the latest stored session at or before their earliest new event (late
 * events included): sessions.ts says why that start is enough.
 */
import { db } from '../db'
import { inRawTransaction, type Sql } from '../tx'
import { splitSessions } from './sessions'

const CURSOR = 'sessions'
/** Batches commit within seconds of their receivedAt (transactions time out after 20 s). */
const OVERLAP_MS = 60_000
const USERS_PER_CHUNK = 500
/** First run: no event is older than the 7 days ingest accepts, plus a day. */
const FIRST_RUN_LOOKBACK_MS = 8 * 24 * 60 * 60 * 1000

export interface SessionRunResult {
  users: number
  sessions: number
}

async function recomputeChunk(sql: Sql, users: string[], earliest: Date[]): Promise<number> {
  const rows = await sql.query<{ userKey: string; from: Date; at: Date }>(
    `WITH a(u, m) AS (SELECT * FROM unnest($1::text[], $2::timestamptz[])),
     f AS (SELECT a.u, COALESCE((SELECT max(s."startedAt") FROM "AnalyticsSession" s WHERE s."userKey" = a.u AND s."startedAt" <= a.m), a.m) AS "from" FROM a)
     SELECT f.u AS "userKey", f."from", e."occurredAt" AS at
     FROM f JOIN "AnalyticsEvent" e ON e."userKey" = f.u AND e."occurredAt" >= f."from"
     ORDER BY f.u, e."occurredAt"`,
    [users, earliest.map((d) => d.toISOString())],
  )
  const fromOf = new Map<string, Date>()
  const times = new Map<string, number[]>()
  for (const r of rows) {
    fromOf.set(r.userKey, r.from)
    const list = times.get(r.userKey) ?? []
    list.push(new Date(r.at).getTime())
    times.set(r.userKey, list)
  }
  const keys: string[] = []
  const starts: string[] = []
  const ends: string[] = []
  const counts: number[] = []
  for (const [userKey, list] of times) {
    for (const s of splitSessions(list)) {
      keys.push(userKey)
      starts.push(new Date(s.startedAt).toISOString())
      ends.push(new Date(s.endedAt).toISOString())
      counts.push(s.eventCount)
    }
  }
  await sql.query(
    `DELETE FROM "AnalyticsSession" s USING unnest($1::text[], $2::timestamptz[]) AS f(u, "from")
     WHERE s."userKey" = f.u AND s."startedAt" >= f."from" RETURNING 1`,
    [[...fromOf.keys()], [...fromOf.values()].map((d) => new Date(d).toISOString())],
  )
  if (keys.length > 0) {
    await sql.query(
      `INSERT INTO "AnalyticsSession" ("userKey", "startedAt", "endedAt", "eventCount")
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[]) RETURNING 1`,
      [keys, starts, ends, counts],
    )
  }
  return keys.length
}

export async function computeSessions(now: Date, signal?: AbortSignal): Promise<SessionRunResult> {
  const cursor = await db.analyticsCursor.findUnique({ where: { name: CURSOR } })
  const since = new Date((cursor?.at.getTime() ?? now.getTime() - FIRST_RUN_LOOKBACK_MS) - OVERLAP_MS)
  const result: SessionRunResult = { users: 0, sessions: 0 }
  let upTo = cursor?.at ?? since
  await inRawTransaction(async (sql) => {
    const affected = await sql.query<{ userKey: string; earliest: Date; received: Date }>(
      `SELECT "userKey", min("occurredAt") AS earliest, max("receivedAt") AS received
       FROM "AnalyticsEvent" WHERE "receivedAt" > $1::timestamptz AND "receivedAt" <= $2::timestamptz GROUP BY "userKey" ORDER BY "userKey"`,
      [since.toISOString(), now.toISOString()],
    )
    for (let i = 0; i < affected.length; i += USERS_PER_CHUNK) {
      signal?.throwIfAborted()
      const chunk = affected.slice(i, i + USERS_PER_CHUNK)
      result.sessions += await recomputeChunk(
        sql,
        chunk.map((a) => a.userKey),
        chunk.map((a) => new Date(a.earliest)),
      )
    }
    result.users = affected.length
    for (const a of affected) if (new Date(a.received) > upTo) upTo = new Date(a.received)
    await sql.query(
      `INSERT INTO "AnalyticsCursor" (name, at) VALUES ($1, $2::timestamptz) ON CONFLICT (name) DO UPDATE SET at = GREATEST("AnalyticsCursor".at, EXCLUDED.at) RETURNING 1`,
      [CURSOR, upTo.toISOString()],
    )
  })
  return result
}
