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
import { CopyWriter } from './copy'
import { guideEventFast } from './guide-fast'
import { copyEvents, touchRegistry, type RegistryTouch } from './ingest'
import { batchContext, normalizeEvent, ruleOf, type NormalizeContext } from './normalize'
import { ensurePartitions } from './partitions'
import { serverPseudonymizer } from './pseudonym'
import { processRedactionCache } from './redaction-cache'
import { cachedRegistry, loadRegistry } from './registry'
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

/** One item as an IncomingEvent: the guide's fast path (guide-fast.ts) first, the dialect's schema otherwise. */
function parseItem(item: unknown, dialect: Dialect): { event: IncomingEvent } | { message: string } {
  if (dialect === 'guide') {
    const fast = guideEventFast(item)
    if (fast) return { event: fast }
  }
  const parsed = dialect === 'guide' ? GuideEvent.safeParse(item) : SegmentMessage.safeParse(item)
  if (parsed.success) return { event: dialect === 'guide' ? fromGuide(parsed.data as GuideEvent) : fromSegment(parsed.data as SegmentMessage) }
  const issue = parsed.error.issues[0]!
  return { message: `${issue.path.length ? issue.path.join('.') : 'event'}: ${issue.message}` }
}

/** A batch ready to store: what was refused, and the rest as the body of a binary COPY with its bookkeeping. */
export interface PreparedBatch {
  rejected: Rejection[]
  count: number
  copy: Buffer | null
  withMessageIds: boolean
  /** The months the events fall in (their partitions must exist). */
  months: Date[]
  touches: RegistryTouch[]
  /** Registered event names, in order of first appearance (a quarantined name is whatever a client sent). */
  events: string[]
  quarantined: number
  now: Date
}

export function prepareBatch(items: readonly unknown[], dialect: Dialect, context: NormalizeContext, apiKeyId: string | null): PreparedBatch {
  const ctx = batchContext(context)
  // About 250 bytes a row: most batches never grow the buffer.
  const copy = new CopyWriter(apiKeyId, 256 * items.length + 64)
  const rejected: Rejection[] = []
  const touches = new Map<string, RegistryTouch>()
  const months = new Map<number, Date>()
  const events = new Set<string>()
  let quarantined = 0
  let withMessageIds = false
  for (let index = 0; index < items.length; index++) {
    const p = parseItem(items[index], dialect)
    if ('message' in p) {
      rejected.push({ index, code: 'invalid', message: p.message })
      continue
    }
    const n = normalizeEvent(p.event, ctx)
    if (!n.ok) {
      rejected.push({ index, code: n.code, message: n.message })
      continue
    }
    const row = n.row
    copy.push(row)
    if (row.messageId !== null) withMessageIds = true
    const month = row.occurredAt.getUTCFullYear() * 12 + row.occurredAt.getUTCMonth()
    if (!months.has(month)) months.set(month, row.occurredAt)
    const rule = ruleOf(context.registry, row.event)
    if (n.quarantined) quarantined++
    else if (rule?.status === 'registered') events.add(row.event)
    if (n.dropped > 0 || !rule) {
      const t = touches.get(row.event) ?? { name: row.event, dropped: 0 }
      t.dropped += n.dropped
      touches.set(row.event, t)
    }
  }
  return {
    rejected,
    count: copy.rows,
    copy: copy.rows ? copy.finish() : null,
    withMessageIds,
    months: [...months.values()],
    touches: [...touches.values()],
    events: [...events].slice(0, 20),
    quarantined,
    now: context.now,
  }
}

/**
 * Not an async function, on purpose (as lib/slo/commands.ts's ingestSliEvents): the batch is validated,
 * normalised and encoded before anything is awaited (the registry is cached), so the caller's parsed items
 * can be collected while the transaction runs.
 */
export function ingestAnalyticsEvents(actor: Actor, items: readonly unknown[], dialect: Dialect, ctx: IngestContext = {}): Promise<IngestOutcome> {
  try {
    authorize(actor, 'analytics:manage', { scope: 'events:write' })
    const now = ctx.now ?? new Date()
    const pseudonym = serverPseudonymizer()
    const apiKeyId = actor.type === 'apikey' ? actor.id : null
    const registry = cachedRegistry()
    const redact = processRedactionCache
    if (registry) return storeBatch(actor, prepareBatch(items, dialect, { now, registry, pseudonym, redact }, apiKeyId), dialect, ctx)
    return loadRegistry().then((r) => storeBatch(actor, prepareBatch(items, dialect, { now, registry: r, pseudonym, redact }, apiKeyId), dialect, ctx))
  } catch (err) {
    return Promise.reject(err as Error)
  }
}

async function storeBatch(actor: Actor, batch: PreparedBatch, dialect: Dialect, ctx: IngestContext): Promise<IngestOutcome> {
  const { rejected, count, copy } = batch
  if (count === 0 || !copy) return { accepted: 0, rejected, deduplicated: 0 }
  await ensurePartitions(poolSql, batch.months)
  const stored = await inRawTransaction(async (sql, client) => {
    const n = await copyEvents(client, copy, batch.withMessageIds)
    await touchRegistry(sql, batch.touches, batch.now)
    await recordAuditRaw(client, actor, {
      action: 'analytics.ingest',
      targetType: 'analytics_event',
      summary: {
        dialect,
        events: batch.events,
        quarantined: batch.quarantined,
        rejected: rejected.length,
        deduplicated: count - n,
        droppedProperties: batch.touches.reduce((s, t) => s + t.dropped, 0),
      },
      count: n,
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
    })
    return n
  })
  return { accepted: count, rejected, deduplicated: count - stored }
}
