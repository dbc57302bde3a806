/**
 * The write layer of SLOs and SLA reports. Each command takes the actor first, authorises it (pure), takes
 * input its caller already validated, and writes in one transaction with its audit row inside it:
 * - `ingestSliEvents`: a batch of SLI events, audited once per batch (count = items). It runs on the raw
 *   pool (./ingest.ts says why) under the shared SLI write lock (./locks.ts), so its audit row is written
 *   with `recordAuditRaw` in that same transaction.
 * - `subscribeReport` / `unsubscribeReport`: a person's own e-mail subscription to a period's report.
 * - `generateReport`: computes (./reports.ts) and stores a period's report, replacing an earlier build.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { from as copyFrom } from 'pg-copy-streams'
import { recordAudit, recordAuditRaw } from '@/lib/audit'
import { inRawTransaction, inTransaction } from '@/lib/tx'
import { forbidden } from '@/lib/errors'
import { authorize, type Actor, type UserActor } from '@/lib/auth/actor'

import { COPY_SLI_EVENTS_SQL, ingestSummary, toCopyBinary } from './ingest'
import { SLI_WRITE_LOCK_SQL } from './locks'
import { computeReport, type BuildReportOptions, type BuildReportResult } from './reports'
import type { ReportPeriod } from './report-periods'
import type { SliEventItem } from './schema'

export interface IngestContext {
  requestId?: string | null
  ip?: string | null
}

/**
 * Stores a validated batch and audits it once (count = items), in one transaction; returns how many were
 * accepted. Not an async function, on purpose: the batch is encoded for COPY and summarised for the audit
 * before anything is awaited, so that the caller's 10,000 parsed items can be collected while the
 * transaction runs. An async function keeps its arguments alive until it settles, and batches kept alive
 * through young-generation collections (four in flight under load) cost the server more CPU than their
 * validation did (issue 17).
 */
export function ingestSliEvents(actor: Actor, items: readonly SliEventItem[], ctx: IngestContext = {}): Promise<{ accepted: number }> {
  try {
    authorize(actor, 'slo:manage', { scope: 'sli:write' })
    if (items.length === 0) return Promise.resolve({ accepted: 0 })
    return writeSliBatch(actor, { rows: toCopyBinary(items), count: items.length, summary: ingestSummary(items) }, ctx)
  } catch (err) {
    return Promise.reject(err as Error)
  }
}

interface EncodedBatch {
  /** The body of the binary COPY (./ingest.ts). */
  rows: Buffer
  count: number
  summary: ReturnType<typeof ingestSummary>
}

async function writeSliBatch(actor: Actor, batch: EncodedBatch, ctx: IngestContext): Promise<{ accepted: number }> {
  // The lock rides in BEGIN's round trip: each one waits its turn on this process's busy event loop.
  await inRawTransaction(
    async (_sql, client) => {
      await pipeline(Readable.from([batch.rows]), client.query(copyFrom(COPY_SLI_EVENTS_SQL)))
      await recordAuditRaw(client, actor, {
        action: 'sli.ingest',
        targetType: 'sli_event',
        summary: batch.summary,
        count: batch.count,
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
      })
    },
    { afterBegin: SLI_WRITE_LOCK_SQL },
  )
  return { accepted: batch.count }
}

/** A subscription belongs to a person: an API key or the system has no inbox. */
function subscriber(actor: Actor): UserActor {
  authorize(actor, 'report:read')
  if (actor.type !== 'user') throw forbidden('Only a person can subscribe to reports')
  return actor
}

/** Subscribes the acting person to a period's report; `created: false` when they already were. */
export async function subscribeReport(actor: Actor, input: { period: ReportPeriod }): Promise<{ created: boolean }> {
  const user = subscriber(actor)
  const { period } = input
  const created = await inTransaction(async (tx) => {
    const existing = await tx.reportSubscription.findFirst({ where: { period, userId: user.id }, select: { id: true } })
    if (existing) return false
    const row = await tx.reportSubscription.create({ data: { period, userId: user.id } })
    await recordAudit(actor, { action: 'report_subscription.create', targetType: 'report_subscription', targetId: row.id, summary: { period } }, tx)
    return true
  })
  return { created }
}

/** Ends the acting person's subscriptions to a period's report; `removed` counts them (0: there was none). */
export async function unsubscribeReport(actor: Actor, input: { period: ReportPeriod }): Promise<{ removed: number }> {
  const user = subscriber(actor)
  const { period } = input
  const removed = await inTransaction(async (tx) => {
    const rows = await tx.reportSubscription.findMany({ where: { period, userId: user.id }, select: { id: true } })
    if (rows.length === 0) return 0
    await tx.reportSubscription.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } })
    await recordAudit(actor, { action: 'report_subscription.delete', targetType: 'report_subscription', targetId: rows[0]!.id, summary: { period }, count: rows.length }, tx)
    return rows.length
  })
  return { removed }
}

/**
 * Builds and stores the report of [periodStart, periodEnd), one whole period in `tz` (400 otherwise). The
 * figures are read before the transaction; the upsert and its audit row commit together.
 */
export async function generateReport(
  actor: Actor,
  period: ReportPeriod,
  periodStart: Date,
  periodEnd: Date,
  tz: string,
  opts: BuildReportOptions = {},
): Promise<BuildReportResult> {
  authorize(actor, 'slo:manage')
  const data = await computeReport(period, periodStart, periodEnd, tz, opts.figures)
  const generatedAt = opts.now ?? new Date()
  const { row, replaced } = await inTransaction(async (tx) => {
    const key = { period_periodStart: { period, periodStart } }
    const existing = await tx.slaReport.findUnique({ where: key, select: { id: true } })
    const saved = await tx.slaReport.upsert({
      where: key,
      create: { period, periodStart, periodEnd, timezone: tz, generatedAt, data },
      update: { periodEnd, timezone: tz, generatedAt, data },
    })
    await recordAudit(
      actor,
      {
        action: existing ? 'sla_report.regenerate' : 'sla_report.create',
        targetType: 'sla_report',
        targetId: saved.id,
        summary: { period, periodStart: periodStart.toISOString(), timezone: tz, ...data.summary },
      },
      tx,
    )
    return { row: saved, replaced: existing !== null }
  })
  return {
    report: { id: row.id, period, periodStart: row.periodStart, periodEnd: row.periodEnd, timezone: row.timezone, generatedAt: row.generatedAt, data },
    replaced,
  }
}
