/**
 * The write layer of analytics. `ingestAnalyticsEvents` takes a batch as it arrived (either dialect,
 * schema.ts), refuses single items that are malformed or outside the time window (their index, code and a
 * PHI-free message), and stores the rest in one transaction with one audit row (count = stored events):
 * events (ingest.ts), registry bookkeeping, audit. It runs on the raw pool like SLI ingest (lib/tx.ts says
 * why); a missing monthly partition is created first, outside the transaction.
 */
import { recordAuditRaw } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { getPool } from '../db'
import { inRawTransaction, type Sql } from '../tx'
import { insertEvents, touchRegistry, type RegistryTouch } from './ingest'
import { normalizeEvent, ruleOf, type EventRow } from './normalize'
import { ensurePartitions } from './partitions'
import { serverPseudonymizer } from './pseudonym'
import { loadRegistry } from './registry'
import { fromGuide, fromSegment, GuideEvent, SegmentMessage, type IncomingEvent } from './schema'

export type Dialect = 'guide' | 'segment'

export interface Rejection {
  index: number
  code: string
  message: string
}

export interface IngestOutcome {
  /** Items that passed (stored now, or stored before: a retry). */
  accepted: number
  rejected: Rejection[]
  /** Accepted items that were retries of stored ones (same messageId). */
  deduplicated: number
}

export interface IngestContext {
  requestId?: string | null
  ip?: string | null
  now?: Date
}

const poolSql: Sql = { query: async <R>(text: string, values: readonly unknown[] = []) => (await getPool().query(text, values as unknown[])).rows as R[] }

function parseItem(item: unknown, dialect: Dialect): { event: IncomingEvent } | { message: string } {
  const parsed = dialect === 'guide' ? GuideEvent.safeParse(item) : SegmentMessage.safeParse(item)
  if (parsed.success) return { event: dialect === 'guide' ? fromGuide(parsed.data as GuideEvent) : fromSegment(parsed.data as SegmentMessage) }
  const issue = parsed.error.issues[0]!
  return { message: `${issue.path.length ? issue.path.join('.') : 'event'}: ${issue.message}` }
}

export async function ingestAnalyticsEvents(actor: Actor, items: readonly unknown[], dialect: Dialect, ctx: IngestContext = {}): Promise<IngestOutcome> {
  authorize(actor, 'analytics:manage', { scope: 'events:write' })
  const now = ctx.now ?? new Date()
  const registry = await loadRegistry()
  const pseudonym = serverPseudonymizer()
  const rows: EventRow[] = []
  const rejected: Rejection[] = []
  const touches = new Map<string, RegistryTouch>()
  let quarantined = 0
  items.forEach((item, index) => {
    const p = parseItem(item, dialect)
    if ('message' in p) return rejected.push({ index, code: 'invalid', message: p.message })
    const n = normalizeEvent(p.event, { now, registry, pseudonym })
    if (!n.ok) return rejected.push({ index, code: n.code, message: n.message })
    rows.push(n.row)
    if (n.quarantined) quarantined++
    if (n.dropped > 0 || !ruleOf(registry, n.row.event)) {
      const t = touches.get(n.row.event) ?? { name: n.row.event, dropped: 0 }
      t.dropped += n.dropped
      touches.set(n.row.event, t)
    }
  })
  if (rows.length === 0) return { accepted: 0, rejected, deduplicated: 0 }

  await ensurePartitions(poolSql, rows.map((r) => r.occurredAt))
  const apiKeyId = actor.type === 'apikey' ? actor.id : null
  const stored = await inRawTransaction(async (sql, client) => {
    const n = await insertEvents(sql, rows, apiKeyId)
    await touchRegistry(sql, [...touches.values()], now)
    await recordAuditRaw(client, actor, {
      action: 'analytics.ingest',
      targetType: 'analytics_event',
      // Registered event names only: a quarantined name is whatever a client chose to send.
      summary: {
        dialect,
        events: [...new Set(rows.filter((r) => ruleOf(registry, r.event)?.status === 'registered').map((r) => r.event))].slice(0, 20),
        quarantined,
        rejected: rejected.length,
        deduplicated: rows.length - n,
        droppedProperties: [...touches.values()].reduce((s, t) => s + t.dropped, 0),
      },
      count: n,
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
    })
    return n
  })
  return { accepted: rows.length, rejected, deduplicated: rows.length - stored }
}
