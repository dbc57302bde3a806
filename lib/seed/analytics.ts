/**
 * Analytics demo data: the event schema registry and the three clinical workflows of the guide
 * (lib/analytics/catalogue.ts), and a hospital week of events (lib/analytics/demo.ts) written in bulk
 * with the ingest's own INSERT, then sessionised by the sessions job's code.
 *
 * Idempotent: event types and workflows are created when missing and never overwritten (PMs may have
 * edited them); the week is written once per database (marker: AnalyticsCursor "demo-week").
 */
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { db } from '../db'
import { getPool } from '../db'
import { inRawTransaction, type Sql } from '../tx'
import { EVENT_TYPES, WORKFLOWS } from '../analytics/catalogue'
import { generateDemoWeek } from '../analytics/demo'
import { insertEvents } from '../analytics/ingest'
import { ensurePartitions } from '../analytics/partitions'
import { analyticsKey, pseudonymizer } from '../analytics/pseudonym'
import { computeSessions } from '../analytics/session-job'

const DEMO_MARKER = 'demo-week'
const CHUNK = 5_000

const poolSql: Sql = { query: async <R>(text: string, values: readonly unknown[] = []) => (await getPool().query(text, values as unknown[])).rows as R[] }

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

  if (await db.analyticsCursor.findUnique({ where: { name: DEMO_MARKER } })) {
    log(`analytics: ${types} event types, ${workflows} workflows (demo week already there)`)
    return
  }
  // The demo's pseudonyms use the server's key when there is one, so they look like real ones.
  const pseudonym = pseudonymizer(analyticsKey() ?? Buffer.from('wardroom-demo-analytics-key'))
  const rows = generateDemoWeek({ now, pseudonym })
  await ensurePartitions(poolSql, rows.map((r) => r.occurredAt))
  let stored = 0
  await inRawTransaction(async (sql) => {
    for (let i = 0; i < rows.length; i += CHUNK) stored += await insertEvents(sql, rows.slice(i, i + CHUNK), null)
    await sql.query(`INSERT INTO "AnalyticsCursor" (name, at) VALUES ($1, $2::timestamptz) ON CONFLICT (name) DO NOTHING RETURNING 1`, [DEMO_MARKER, now.toISOString()])
  })
  await recordAudit(SYSTEM_ACTOR, { action: 'analytics.seed', targetType: 'analytics_event', summary: { events: stored, workflows: WORKFLOWS.map((w) => w.key) }, count: stored })
  // Events were received after `now` (receivedAt is the insert's time): sessionise up to the present.
  const sessions = await computeSessions(new Date())
  log(`analytics: ${types} event types, ${workflows} workflows, ${stored} demo events, ${sessions.sessions} sessions`)
}
