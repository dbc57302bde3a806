/**
 * Analytics ingest, the SQL side. One `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING` per batch:
 * a retried Segment message (same user, time and messageId) meets the unique index and is skipped, in the
 * same statement, with no staging table. COPY is faster (lib/slo/ingest.ts) but has no ON CONFLICT.
 * Registry bookkeeping (new event names into quarantine, dropped-property counts) is one more statement,
 * touching only rows that need it, in sorted order so concurrent batches lock them in the same order.
 */
import type { Sql } from '../tx'
import { BUILTIN_EVENT_TYPES, type EventRow } from './normalize'

const COLUMNS = [
  ['occurredAt', 'timestamptz'],
  ['userKey', 'text'],
  ['anonymousKey', 'text'],
  ['clientSessionKey', 'text'],
  ['type', 'text'],
  ['event', 'text'],
  ['properties', 'jsonb'],
  ['messageId', 'text'],
  ['site', 'text'],
  ['department', 'text'],
  ['role', 'text'],
  ['appVersion', 'text'],
  ['uaFamily', 'text'],
  ['uaMajor', 'text'],
  ['apiKeyId', 'text'],
] as const

export const INSERT_EVENTS_SQL = `INSERT INTO "AnalyticsEvent" (${COLUMNS.map(([c]) => `"${c}"`).join(', ')})
SELECT * FROM unnest(${COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')})
ON CONFLICT DO NOTHING`

/** Inserts the rows; returns how many were new (the others were retries already stored). */
export async function insertEvents(sql: Sql, rows: readonly EventRow[], apiKeyId: string | null): Promise<number> {
  if (rows.length === 0) return 0
  const columns: unknown[][] = COLUMNS.map(() => new Array<unknown>(rows.length))
  rows.forEach((r, i) => {
    const values = [
      r.occurredAt.toISOString(),
      r.userKey,
      r.anonymousKey,
      r.clientSessionKey,
      r.type,
      r.event,
      JSON.stringify(r.properties),
      r.messageId,
      r.site,
      r.department,
      r.role,
      r.appVersion,
      r.uaFamily,
      r.uaMajor,
      apiKeyId,
    ]
    values.forEach((v, c) => (columns[c]![i] = v))
  })
  const [row] = await sql.query<{ n: number }>(`WITH ins AS (${INSERT_EVENTS_SQL} RETURNING 1) SELECT count(*)::int AS n FROM ins`, columns)
  return row?.n ?? 0
}

export interface RegistryTouch {
  name: string
  dropped: number
}

/**
 * New event names go into the registry as quarantined; dropped properties are counted on their event
 * type. Built-in events ($page, $identify) are not registry rows.
 */
export async function touchRegistry(sql: Sql, touches: readonly RegistryTouch[], at: Date): Promise<void> {
  const rows = touches.filter((t) => !(t.name in BUILTIN_EVENT_TYPES)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  if (rows.length === 0) return
  await sql.query(
    `INSERT INTO "AnalyticsEventType" (name, status, "droppedProperties", "lastSeenAt")
     SELECT n, 'quarantined', d, $3::timestamptz FROM unnest($1::text[], $2::bigint[]) AS t(n, d)
     ON CONFLICT (name) DO UPDATE SET "droppedProperties" = "AnalyticsEventType"."droppedProperties" + EXCLUDED."droppedProperties",
       "lastSeenAt" = EXCLUDED."lastSeenAt"
     RETURNING 1`,
    [rows.map((r) => r.name), rows.map((r) => r.dropped), at.toISOString()],
  )
}
