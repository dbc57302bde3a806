/** Analytics events for the funnel engine's DB tests: minutes after T0 (three days ago, UTC midnight), unique names. */
import { getPool } from '@/lib/db'
import { uid } from '@/test/factories'

const MIN = 60_000
export const T0 = new Date(Math.floor((Date.now() - 3 * 86_400_000) / 86_400_000) * 86_400_000)

export type Name = 'A' | 'B' | 'C' | 'X' | 'Y'
export type Ev = [event: Name, minute: number, properties?: Record<string, unknown>, dims?: Partial<Record<'role' | 'department' | 'site' | 'appVersion', string>>]

export async function partitions() {
  for (const back of [4, 3, 2]) await getPool().query('SELECT analytics_create_partition($1::date)', [new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10)])
}

/** Inserts the users' events under a fresh prefix; returns the prefix's event namer and user keys. */
export async function insertEvents(users: Record<string, Ev[]>) {
  const prefix = uid('fe').replace(/-/g, '_')
  const name = (s: string) => `${prefix}_${s}`
  const key = (u: string) => `u_${prefix}_${u}`
  const rows = Object.entries(users).flatMap(([u, events]) => events.map(([s, m, props, dims]) => ({ u: key(u), e: name(s), t: new Date(T0.getTime() + m * MIN).toISOString(), p: JSON.stringify(props ?? {}), ...dims })))
  await getPool().query(
    `INSERT INTO "AnalyticsEvent" ("userKey", event, "occurredAt", properties, type, role, department, site, "appVersion")
     SELECT u, e, t, p, 'track', r, d, s, v FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[], $5::text[], $6::text[], $7::text[], $8::text[]) AS x(u, e, t, p, r, d, s, v)`,
    [rows.map((r) => r.u), rows.map((r) => r.e), rows.map((r) => r.t), rows.map((r) => r.p), rows.map((r) => r.role ?? null), rows.map((r) => r.department ?? null), rows.map((r) => r.site ?? null), rows.map((r) => r.appVersion ?? null)],
  )
  return { name, key }
}
