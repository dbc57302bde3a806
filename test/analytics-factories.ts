/** Raw analytics events for tests, written as ingest stores them (no registry, no pseudonymiser): unique event names and user keys keep tests apart. */
import { getPool } from '@/lib/db'
import { uid } from './factories'

export interface TestEvent {
  at: string
  user: string
  event: string
  department?: string | null
  role?: string | null
  site?: string | null
  appVersion?: string | null
}

export async function insertAnalyticsEvents(events: readonly TestEvent[]): Promise<void> {
  if (events.length === 0) return
  await getPool().query(
    `INSERT INTO "AnalyticsEvent" ("occurredAt", "userKey", type, event, department, role, site, "appVersion")
     SELECT t, u, 'track', e, d, r, s, v FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(t, u, e, d, r, s, v)`,
    [
      events.map((e) => e.at),
      events.map((e) => e.user),
      events.map((e) => e.event),
      events.map((e) => e.department ?? null),
      events.map((e) => e.role ?? null),
      events.map((e) => e.site ?? null),
      events.map((e) => e.appVersion ?? null),
    ],
  )
}

/** An event name no other test uses (event names allow letters, digits and _). */
export const uniqueEvent = (prefix: string) => uid(prefix).replace(/-/g, '_')

/** `n` fresh user keys. */
export const users = (n: number) => Array.from({ length: n }, () => uid('u'))
