/**
 * Analytics demo data: the event schema registry and the three clinical workflows of the guide
 * (lib/analytics/catalogue.ts), and eight hospital weeks of events (lib/analytics/demo.ts) written in bulk
 * with COPY, with their sessions (split by the sessions job's rule, sessions.ts) and daily rollups (the
 * rollups job's code). The sessions job, seeing the demo's events as new, later recomputes the same
 * sessions once (idempotent): the seed does not move its cursor, so nothing else received is skipped.
 *
 * Idempotent: event types and workflows are created when missing and never overwritten (PMs may have
 * edited them); the events are written once per database (marker: AnalyticsCursor "demo-week", the name
 * it had when the demo was one week: a database seeded then keeps its week).
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { from as copyFrom } from 'pg-copy-streams'
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { db } from '../db'
import { getPool } from '../db'
import { inRawTransaction, type Sql } from '../tx'
import { EVENT_TYPES, WORKFLOWS } from '../analytics/catalogue'
import { generateDemoEvents } from '../analytics/demo'
import type { EventRow } from '../analytics/normalize'
import { ensurePartitions } from '../analytics/partitions'
import { analyticsKey, pseudonymizer } from '../analytics/pseudonym'
import { splitSessions } from '../analytics/sessions'
import { rollUpAnalytics } from '../analytics/rollups'

const DEMO_MARKER = 'demo-week'
const CHUNK = 20_000

const poolSql: Sql = { query: async <R>(text: string, values: readonly unknown[] = []) => (await getPool().query(text, values as unknown[])).rows as R[] }

// COPY is about twice as fast as the ingest's INSERT … unnest (lib/slo/ingest.ts measured it), and the demo
// needs neither its ON CONFLICT (written once, under the marker) nor its registry bookkeeping.
const COPY_SQL = `COPY "AnalyticsEvent" ("occurredAt", "userKey", type, event, properties, site, department, role, "appVersion", "uaFamily", "uaMajor") FROM STDIN`
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }
const text = (v: string | null) => (v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!))
const SESSIONS_COPY_SQL = `COPY "AnalyticsSession" ("userKey", "startedAt", "endedAt", "eventCount") FROM STDIN`

function* copyText(rows: readonly EventRow[]): Generator<string> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    let chunk = ''
    for (const r of rows.slice(i, i + CHUNK)) {
      const fields = [r.occurredAt.toISOString(), r.userKey, r.type, r.event, JSON.stringify(r.properties), r.site, r.department, r.role, r.appVersion, r.uaFamily, r.uaMajor]
      chunk += fields.map(text).join('\t') + '\n'
    }
    yield chunk
  }
}

/** The demo's sessions as COPY text (rows in time order, so each user's times come out sorted); and how many. */
function sessionsText(rows: readonly EventRow[]): { text: string; count: number } {
  const times = new Map<string, number[]>()
  for (const r of rows) {
    const list = times.get(r.userKey)
    if (list) list.push(r.occurredAt.getTime())
    else times.set(r.userKey, [r.occurredAt.getTime()])
  }
  let text = ''
  let count = 0
  for (const [userKey, list] of times) {
    for (const s of splitSessions(list)) {
      text += `${userKey}\t${new Date(s.startedAt).toISOString()}\t${new Date(s.endedAt).toISOString()}\t${s.eventCount}\n`
      count++
    }
  }
  return { text, count }
}

export async function seedAnalytics(log: (m: string) => void = () => {}, now = new Date()): Promise<void> {
  let types = 0
  for (const t of EVENT_TYPES) {
    const existing = await db.analyticsEventType.findUnique({ where: { name: t.name }, select: { name: true } })
    if (existing) continue
    await db.analyticsEventType.create({ data: { name: t.name, status: 'registered', owner: t.owner, description: t.description, properties: t.properties } })
    types++
  }
  let workflows = 0
  for (const w of WORKFLOWS) {
    const existing = await db.analyticsWorkflow.findUnique({ where: { key: w.key }, select: { key: true } })
    if (existing) continue
    await db.analyticsWorkflow.create({ data: { key: w.key, name: w.name, description: w.description ?? null, steps: w.steps, conversionWindowMs: w.conversionWindowMs } })
    workflows++
  }

  const already = `analytics: ${types} event types, ${workflows} workflows (demo events already there)`
  if (await db.analyticsCursor.findUnique({ where: { name: DEMO_MARKER } })) return log(already)
  // The demo's pseudonyms use the server's key when there is one, so they look like real ones.
  const pseudonym = pseudonymizer(analyticsKey() ?? Buffer.from('wardroom-demo-analytics-key'))
  const rows = generateDemoEvents({ now, pseudonym })
  await ensurePartitions(poolSql, rows.map((r) => r.occurredAt))
  const stored = await inRawTransaction(async (sql, client) => {
    // The marker first: a second seed running at the same time waits on it here, then writes nothing.
    const marked = await sql.query(`INSERT INTO "AnalyticsCursor" (name, at) VALUES ($1, $2::timestamptz) ON CONFLICT (name) DO NOTHING RETURNING 1`, [DEMO_MARKER, now.toISOString()])
    if (marked.length === 0) return null
    await pipeline(Readable.from(copyText(rows)), client.query(copyFrom(COPY_SQL)))
    const sessions = sessionsText(rows)
    await pipeline(Readable.from([sessions.text]), client.query(copyFrom(SESSIONS_COPY_SQL)))
    return { events: rows.length, sessions: sessions.count }
  })
  if (!stored) return log(already)
  await recordAudit(SYSTEM_ACTOR, { action: 'analytics.seed', targetType: 'analytics_event', summary: { ...stored, workflows: WORKFLOWS.map((w) => w.key) }, count: stored.events })
  // Every demo day was received just now (receivedAt is the insert's time), so the rollups job's code rolls each one.
  const rolled = await rollUpAnalytics(new Date())
  log(`analytics: ${types} event types, ${workflows} workflows, ${stored.events} demo events, ${stored.sessions} sessions, ${rolled.days.length} days rolled up`)
}
