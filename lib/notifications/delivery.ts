/**
 * Drains the outbox. Rows are claimed in short transactions (FOR UPDATE SKIP LOCKED, then marked
 * `claimedUntil` `CLAIM_MS` ahead) and sent outside any transaction, so a slow peer never holds a database
 * lock and two instances never send the same row at once. A process that dies mid-send leaves its rows to be
 * claimed again after the claim lapses: delivery is at-least-once, and the idempotency key lets a receiver
 * drop the duplicate.
 *
 * Which rows a pass takes (queue-rules.ts, stated again in SQL below): due by the pass's start plus the
 * scheduler's tolerance (retry.ts), and first undelivered of their incident's messages to that channel, so a
 * channel gets one incident's messages in order. A failed row waits for its backoff step (retry.ts); a
 * success releases the channel's other waiting rows at once, and the pass goes on until nothing is due, so a
 * receiver that comes back gets its whole queue in one pass, in order.
 *
 * Every outcome lands on the incident timeline as a 'notification' event, and is published on the shared
 * live channel (lib/live.ts) so an open incident page refreshes. The "send test message" and "deliver now"
 * commands (commands.ts) send and record through the same pieces.
 */
import { Prisma } from '@/lib/db'
import type { OutboundRequest } from '@/lib/http/outbound'
import { logger } from '@/lib/logger'
import { publishIncidentChange } from '@/lib/live'
import { redact } from '@/lib/phi/redact'
import { inTransaction, type Tx } from '@/lib/tx'
import { sendToChannel, type SendContext, type SendResult } from './channels'
import { failureInWords } from './failure-words'
import { NotificationMessage } from './payload'
import { PROBE_INTERVAL_MS } from './queue-rules'
import { dueBy, nextAttemptAt } from './retry'

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
  /** Only these channels' messages ("deliver now" on the admin page; tests on a shared database). */
  channelIds?: string[]
  /** Stops claiming new batches once aborted (the job's timeout); a claimed batch is finished first. */
  signal?: AbortSignal
  /** Jitter source for the backoff, in [0, 1) (default Math.random; tests fix it). */
  random?: () => number
}

export interface DeliverySummary {
  attempted: number
  delivered: number
  retrying: number
  dead: number
  /** Waiting messages made due at once because their channel accepted a message again. */
  released: number
  /** Failing channels tried early (queue-rules.ts), whatever the outcome; a successful probe is also attempted. */
  probed: number
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

const CLAIMED_FIELDS = {
  id: true,
  channelId: true,
  incidentId: true,
  kind: true,
  payload: true,
  attempts: true,
  createdAt: true,
  channel: { select: { id: true, name: true, type: true, config: true, secretEnc: true, enabled: true } },
} as const

/** Marks the locked rows claimed by this pass and reads what sending them needs. */
async function claim(tx: Tx, ids: string[], now: Date): Promise<ClaimedRow[]> {
  if (ids.length === 0) return []
  await tx.notificationOutbox.updateMany({ where: { id: { in: ids } }, data: { claimedUntil: new Date(now.getTime() + CLAIM_MS) } })
  return tx.notificationOutbox.findMany({ where: { id: { in: ids } }, select: CLAIMED_FIELDS })
}

// A row may go when no earlier message of its incident to its channel is still undelivered (queue-rules.ts).
const FIRST_OF_CHAIN = Prisma.sql`NOT EXISTS (
  SELECT 1 FROM "NotificationOutbox" e
  WHERE e."incidentId" = o."incidentId" AND e."channelId" = o."channelId" AND e."status" = 'pending' AND e."seq" < o."seq")`

const unclaimed = (now: Date) => Prisma.sql`(o."claimedUntil" IS NULL OR o."claimedUntil" <= ${now})`

/**
 * Claims up to `limit` rows that a pass starting at `now` may send (queue-rules.ts `claimable`, in SQL);
 * exported so tests can stage a crash between claim and send.
 */
export async function claimDue(now: Date, limit: number, channelIds?: string[]): Promise<ClaimedRow[]> {
  const only = channelIds ? Prisma.sql`AND o."channelId" = ANY(${channelIds}::uuid[])` : Prisma.empty
  return inTransaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT o."id" FROM "NotificationOutbox" o
      WHERE o."status" = 'pending' AND o."nextAttemptAt" <= ${dueBy(now)} AND ${unclaimed(now)} ${only} AND ${FIRST_OF_CHAIN}
      ORDER BY o."nextAttemptAt", o."seq"
      LIMIT ${limit}
      FOR UPDATE OF o SKIP LOCKED`
    return claim(
      tx,
      due.map((r) => r.id),
      now,
    )
  })
}

/**
 * Claims the probes of a pass starting at `now` (queue-rules.ts `probes`, in SQL): one message per channel
 * that has messages waiting for a retry and none tried in the last PROBE_INTERVAL_MS.
 */
export async function claimProbes(now: Date, channelIds?: string[]): Promise<ClaimedRow[]> {
  const only = channelIds ? Prisma.sql`AND o."channelId" = ANY(${channelIds}::uuid[])` : Prisma.empty
  const triedSince = new Date(dueBy(now).getTime() - PROBE_INTERVAL_MS)
  return inTransaction(async (tx) => {
    const picked = await tx.$queryRaw<{ id: string }[]>`
      SELECT o."id" FROM "NotificationOutbox" o
      WHERE o."id" IN (
        SELECT DISTINCT ON (o."channelId") o."id" FROM "NotificationOutbox" o
        WHERE o."status" = 'pending' AND o."attempts" > 0 AND ${unclaimed(now)} ${only} AND ${FIRST_OF_CHAIN}
          AND NOT EXISTS (
            SELECT 1 FROM "NotificationOutbox" r
            WHERE r."channelId" = o."channelId" AND r."status" = 'pending' AND r."lastAttemptAt" > ${triedSince})
        ORDER BY o."channelId", o."nextAttemptAt", o."seq")
      AND o."status" = 'pending' AND ${unclaimed(now)}
      FOR UPDATE OF o SKIP LOCKED`
    return claim(
      tx,
      picked.map((r) => r.id),
      now,
    )
  })
}

/**
 * Makes the channel's waiting messages due at `now` (queue-rules.ts `releasedOnRecovery`, in SQL): those
 * waiting for a later retry, held by no pass and not already tried by this one. A person's "deliver now"
 * (`byRequest`) releases the tried ones too. Returns how many.
 */
export function releaseChannel(tx: Tx, channelId: string, now: Date, opts: { byRequest?: boolean } = {}): Promise<number> {
  const untried = opts.byRequest ? Prisma.empty : Prisma.sql`AND ("lastAttemptAt" IS NULL OR "lastAttemptAt" < ${now})`
  return tx.$executeRaw`
    UPDATE "NotificationOutbox" SET "nextAttemptAt" = ${now}
    WHERE "channelId" = ${channelId}::uuid AND "status" = 'pending' AND "nextAttemptAt" > ${now}
      AND ("claimedUntil" IS NULL OR "claimedUntil" <= ${now}) ${untried}`
}

export interface RecordedOutcome {
  /** `probe_failed`: a probe found the channel still down; the message keeps its attempts and backoff. */
  outcome: DeliveryOutcome | 'probe_failed'
  /** Messages of the channel that this success released. */
  released: number
}

export interface AttemptOptions {
  /** Whether a failure is retried (not for a disabled channel, a malformed row or a test message). */
  retry: boolean
  /** In [0, 1): the backoff's jitter (retry.ts). */
  jitter?: number
  /** A probe of a failing channel (queue-rules.ts): a failure only updates the channel's last error. */
  probe?: boolean
}

/**
 * Stores the outcome of one attempt and its timeline event inside `tx`, unless another instance already
 * did (then null). A success releases the channel's other waiting messages.
 */
export async function recordOutcome(tx: Tx, row: ClaimedRow, result: SendResult, now: Date, opts: AttemptOptions): Promise<RecordedOutcome | null> {
  const error = result.ok ? null : redact(failureInWords(result)).slice(0, 500)
  if (opts.probe && !result.ok) {
    const kept = await tx.notificationOutbox.updateMany({
      where: { id: row.id, status: 'pending', attempts: row.attempts },
      data: { lastError: error, lastAttemptAt: now, claimedUntil: null },
    })
    return kept.count === 0 ? null : { outcome: 'probe_failed', released: 0 }
  }
  const attempts = row.attempts + 1
  const next = result.ok || !opts.retry ? null : nextAttemptAt(row.createdAt, attempts, now, opts.jitter ?? 0)
  const outcome: DeliveryOutcome = result.ok ? 'delivered' : next ? 'retrying' : 'failed'
  const updated = await tx.notificationOutbox.updateMany({
    where: { id: row.id, status: 'pending', attempts: row.attempts },
    data: {
      status: result.ok ? 'delivered' : next ? 'pending' : 'dead',
      attempts,
      lastError: error,
      lastAttemptAt: now,
      claimedUntil: null,
      ...(result.ok ? { deliveredAt: now } : {}),
      ...(next ? { nextAttemptAt: next } : {}),
    },
  })
  if (updated.count === 0) return null
  const released = result.ok ? await releaseChannel(tx, row.channelId, now) : 0
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
  return { outcome, released }
}

/** Sends one message, turning an unexpected throw into a failed attempt. */
export function send(channel: ClaimedRow['channel'], message: NotificationMessage, ctx: SendContext): Promise<SendResult> {
  return sendToChannel(channel, message, ctx).catch((): SendResult => ({ ok: false, error: 'Unexpected error while sending' }))
}

export const sendContext = (deps: DeliveryDeps, now: Date): SendContext => ({ request: deps.request, timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS, now: () => now })

async function deliverRow(row: ClaimedRow, now: Date, ctx: SendContext, jitter: number, probe: boolean): Promise<RecordedOutcome | null> {
  const message = NotificationMessage.safeParse(row.payload)
  // A disabled channel or a malformed row will not mend by itself: give up at once instead of retrying for a day.
  // A test message shows its result to the person who pressed the button; retrying it would help no one.
  const retry = row.channel.enabled && message.success && row.kind !== 'test'
  const result: SendResult = !row.channel.enabled
    ? { ok: false, error: 'Channel disabled before delivery' }
    : !message.success
      ? { ok: false, error: 'Stored message is malformed' }
      : await send(row.channel, message.data, ctx)
  const recorded = await inTransaction((tx) => recordOutcome(tx, row, result, now, { retry, jitter, probe: probe && retry }))
  // The open incident page shows delivery status as it happens.
  if (recorded && recorded.outcome !== 'probe_failed' && row.incidentId) publishIncidentChange(row.incidentId)
  logger.info(
    { outbox: row.id, channelType: row.channel.type, kind: row.kind, probe, outcome: recorded?.outcome ?? null, attempt: row.attempts + 1, released: recorded?.released ?? 0 },
    'notification attempt',
  )
  return recorded
}

/**
 * The job body: sends every message a pass at `now` may send, in batches, and records each outcome. It goes
 * on while batches come back non-empty (a delivered message can make the next one of its incident due); once
 * nothing is due, it probes each failing channel once, and a channel that answers has its released messages
 * sent in the same pass.
 */
export async function deliverDue(now: Date, deps: DeliveryDeps = {}): Promise<DeliverySummary> {
  const ctx = sendContext(deps, now)
  const random = deps.random ?? Math.random
  const batchSize = deps.batchSize ?? DEFAULT_BATCH
  const summary: DeliverySummary = { attempted: 0, delivered: 0, retrying: 0, dead: 0, released: 0, probed: 0 }
  const stopAt = Date.now() + (deps.budgetMs ?? DEFAULT_BUDGET_MS)
  for (let i = 0; i < (deps.maxBatches ?? DEFAULT_MAX_BATCHES) && Date.now() < stopAt; i++) {
    deps.signal?.throwIfAborted()
    let rows = await claimDue(now, batchSize, deps.channelIds)
    const probe = rows.length === 0
    // A failed probe marks its channel tried, so each channel is probed once per pass at most.
    if (probe) rows = await claimProbes(now, deps.channelIds)
    if (rows.length === 0) break
    const recorded = await Promise.all(rows.map((row) => deliverRow(row, now, ctx, random(), probe)))
    for (const r of recorded) {
      if (r === null) continue
      if (probe) summary.probed++
      if (r.outcome === 'probe_failed') continue
      summary.attempted++
      summary.released += r.released
      if (r.outcome === 'delivered') summary.delivered++
      else if (r.outcome === 'retrying') summary.retrying++
      else summary.dead++
    }
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
