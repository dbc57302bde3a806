/**
 * Drains the outbox. Rows are claimed in short transactions (FOR UPDATE SKIP LOCKED, then pushed
 * `CLAIM_MS` into the future) and sent outside any transaction, so a slow peer never holds a database lock
 * and two instances never send the same row at once. A process that dies mid-send leaves its rows to be
 * claimed again after the claim expires: delivery is at-least-once, and the idempotency key lets a
 * receiver drop the duplicate. Every outcome lands on the incident timeline as a 'notification' event,
 * and is published on the shared live channel (lib/live.ts) so an open incident page refreshes. The
 * "send test message" command (commands.ts) sends and records through the same pieces.
 */
import { Prisma } from '@/lib/db'
import type { OutboundRequest } from '@/lib/http/outbound'
import { logger } from '@/lib/logger'
import { publishIncidentChange } from '@/lib/live'
import { redact } from '@/lib/phi/redact'
import { inTransaction, type Tx } from '@/lib/tx'
import { sendToChannel, type SendContext, type SendResult } from './channels'
import { NotificationMessage } from './payload'
import { nextAttemptAt } from './retry'

export const CLAIM_MS = 5 * 60_000
export const DEFAULT_TIMEOUT_MS = 10_000
const DEFAULT_BATCH = 20
const DEFAULT_MAX_BATCHES = 50
const DEFAULT_BUDGET_MS = 45_000

export interface DeliveryDeps {
  /** Stand-in for the outbound guard (tests). */
  request?: OutboundRequest
  timeoutMs?: number
  batchSize?: number
  maxBatches?: number
  /** Stop claiming new batches after this much wall time, so a run fits in its minute (default 45 s). */
  budgetMs?: number
  /** Only these channels' messages (the admin page's per-channel retry; tests on a shared database). */
  channelIds?: string[]
  /** Stops claiming new batches once aborted (the job's timeout); a claimed batch is finished first. */
  signal?: AbortSignal
}

export interface DeliverySummary {
  attempted: number
  delivered: number
  retrying: number
  dead: number
}

export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed'

export interface ClaimedRow {
  id: string
  channelId: string
  incidentId: string | null
  kind: string
  payload: unknown
  attempts: number
  createdAt: Date
  channel: { id: string; name: string; type: string; config: unknown; secretEnc: string | null; enabled: boolean }
}

/** Claims up to `limit` due rows for this process; exported so tests can stage a crash between claim and send. */
export async function claimDue(now: Date, limit: number, channelIds?: string[]): Promise<ClaimedRow[]> {
  const only = channelIds ? Prisma.sql`AND "channelId" = ANY(${channelIds}::uuid[])` : Prisma.empty
  return inTransaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "NotificationOutbox"
      WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now} ${only}
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`
    if (due.length === 0) return []
    const ids = due.map((r) => r.id)
    await tx.notificationOutbox.updateMany({ where: { id: { in: ids } }, data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS) } })
    return tx.notificationOutbox.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        channelId: true,
        incidentId: true,
        kind: true,
        payload: true,
        attempts: true,
        createdAt: true,
        channel: { select: { id: true, name: true, type: true, config: true, secretEnc: true, enabled: true } },
      },
    })
  })
}

/**
 * Stores the outcome of one attempt and its timeline event inside `tx`, unless another instance already
 * did (then null).
 */
export async function recordOutcome(tx: Tx, row: ClaimedRow, result: SendResult, now: Date, retry: boolean): Promise<DeliveryOutcome | null> {
  const attempts = row.attempts + 1
  const next = result.ok || !retry ? null : nextAttemptAt(row.createdAt, attempts, now)
  const outcome: DeliveryOutcome = result.ok ? 'delivered' : next ? 'retrying' : 'failed'
  const error = result.ok ? null : redact(result.error ?? 'Delivery failed').slice(0, 500)
  const updated = await tx.notificationOutbox.updateMany({
    where: { id: row.id, status: 'pending', attempts: row.attempts },
    data: {
      status: result.ok ? 'delivered' : next ? 'pending' : 'dead',
      attempts,
      lastError: error,
      ...(result.ok ? { deliveredAt: now } : {}),
      ...(next ? { nextAttemptAt: next } : {}),
    },
  })
  if (updated.count === 0) return null
  if (row.incidentId) {
    // Touch the incident so other instances' live boards (which poll updatedAt) show the delivery status too.
    // Wall-clock time, not the job's `now` (which tests move ahead): updatedAt is what the watchers compare.
    await tx.incident.update({ where: { id: row.incidentId }, data: { updatedAt: new Date() } })
    await tx.incidentEvent.create({
      data: {
        incidentId: row.incidentId,
        at: now,
        type: 'notification',
        actorLabel: 'notification-delivery',
        data: {
          channel: row.channel.name,
          channelType: row.channel.type,
          kind: row.kind,
          outcome,
          attempt: attempts,
          ...(result.status !== undefined ? { status: result.status } : {}),
          ...(error ? { error } : {}),
          ...(next ? { nextAttemptAt: next.toISOString() } : {}),
        },
      },
    })
  }
  return outcome
}

/** Sends one message, turning an unexpected throw into a failed attempt. */
export function send(channel: ClaimedRow['channel'], message: NotificationMessage, ctx: SendContext): Promise<SendResult> {
  return sendToChannel(channel, message, ctx).catch((): SendResult => ({ ok: false, error: 'Unexpected error while sending' }))
}

export const sendContext = (deps: DeliveryDeps, now: Date): SendContext => ({ request: deps.request, timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS, now: () => now })

async function deliverRow(row: ClaimedRow, now: Date, ctx: SendContext): Promise<DeliveryOutcome | null> {
  const message = NotificationMessage.safeParse(row.payload)
  // A disabled channel or a malformed row will not mend by itself: give up at once instead of retrying for a day.
  // A test message shows its result to the person who pressed the button; retrying it would help no one.
  const retry = row.channel.enabled && message.success && row.kind !== 'test'
  const result: SendResult = !row.channel.enabled
    ? { ok: false, error: 'Channel disabled before delivery' }
    : !message.success
      ? { ok: false, error: 'Stored message is malformed' }
      : await send(row.channel, message.data, ctx)
  const outcome = await inTransaction((tx) => recordOutcome(tx, row, result, now, retry))
  // The open incident page shows delivery status as it happens.
  if (outcome && row.incidentId) publishIncidentChange(row.incidentId)
  logger.info({ outbox: row.id, channelType: row.channel.type, kind: row.kind, outcome, attempt: row.attempts + 1 }, 'notification attempt')
  return outcome
}

/** The job body: sends every pending message due at `now`, in batches, and records each outcome. */
export async function deliverDue(now: Date, deps: DeliveryDeps = {}): Promise<DeliverySummary> {
  const ctx = sendContext(deps, now)
  const batchSize = deps.batchSize ?? DEFAULT_BATCH
  const summary: DeliverySummary = { attempted: 0, delivered: 0, retrying: 0, dead: 0 }
  const stopAt = Date.now() + (deps.budgetMs ?? DEFAULT_BUDGET_MS)
  for (let i = 0; i < (deps.maxBatches ?? DEFAULT_MAX_BATCHES) && Date.now() < stopAt; i++) {
    deps.signal?.throwIfAborted()
    const rows = await claimDue(now, batchSize, deps.channelIds)
    const outcomes = await Promise.all(rows.map((row) => deliverRow(row, now, ctx)))
    for (const o of outcomes) {
      if (o === null) continue
      summary.attempted++
      if (o === 'delivered') summary.delivered++
      else if (o === 'retrying') summary.retrying++
      else summary.dead++
    }
    if (rows.length < batchSize) break
  }
  return summary
}

interface KickGlobals {
  wardroomDeliveryKick?: ReturnType<typeof setTimeout>
}
const kick = globalThis as unknown as KickGlobals
const KICK_DELAY_MS = 1000

/**
 * Asks for a delivery pass about a second from now (after the enqueuing transaction has committed), so a
 * new incident does not wait for the next minute's job. Debounced per process; the job remains the
 * guarantee, and claims keep the two from sending a row twice. Off under test, where runs are explicit.
 */
export function deliverSoon(): void {
  if (process.env.NODE_ENV === 'test' || kick.wardroomDeliveryKick) return
  kick.wardroomDeliveryKick = setTimeout(() => {
    kick.wardroomDeliveryKick = undefined
    deliverDue(new Date(), { budgetMs: 20_000 }).catch((err: unknown) => {
      logger.warn({ err: err instanceof Error ? err.message : 'unknown' }, 'early notification delivery failed; the job will retry')
    })
  }, KICK_DELAY_MS)
  kick.wardroomDeliveryKick.unref()
}
