/**
 * Screenshots attached to widget reports (lib/feedback/README.md, "Screenshots"). A screenshot of a clinical
 * screen is PHI the text redactor cannot clean, so:
 * - it is accepted only from a site key an administrator allowed (`acceptScreenshots`, site-keys.ts), only
 *   when the clinician ticked "Attach this screenshot", and re-encoded first (screenshot-image.ts);
 * - it lives in its own table, never in the item's columns, so no list, CSV, notification, e-mail, incident
 *   or log that reads items can carry it; the item's audit row says only "attached, N bytes";
 * - only `feedback:triage` may see it, each view audited (`feedback_screenshot.view`);
 * - its bytes are deleted at `expiresAt` (FEEDBACK_SCREENSHOT_RETENTION_DAYS) by the
 *   feedback-screenshots-purge job, with one receipt in the audit log per run.
 */
import { recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { db, type Prisma } from '@/lib/db'
import { env } from '@/lib/env'
import { ApiError, notFound } from '@/lib/errors'
import { inTransaction, type Tx } from '@/lib/tx'
import { parseScreenshotDataUrl, reencodeScreenshot, type CleanScreenshot } from './screenshot-image'

const DAY_MS = 86_400_000
export const SCREENSHOT_VIEW_ACTION = 'feedback_screenshot.view'
export const SCREENSHOT_PURGE_ACTION = 'feedback_screenshot.purge'

/** The data URL a widget sent → a clean image, or 413 / 422 with a code the widget can act on. */
export async function prepareScreenshot(dataUrl: string): Promise<CleanScreenshot> {
  const parsed = parseScreenshotDataUrl(dataUrl)
  if (!parsed.ok) {
    if (parsed.reason === 'too_large') throw new ApiError(413, 'screenshot_too_large', parsed.message, { screenshot: [parsed.message] })
    throw new ApiError(422, 'screenshot_invalid', parsed.message, { screenshot: [parsed.message] })
  }
  try {
    return await reencodeScreenshot(parsed)
  } catch {
    const message = 'The screenshot could not be read as an image'
    throw new ApiError(422, 'screenshot_invalid', message, { screenshot: [message] })
  }
}

/** Stores the screenshot of a newly created item, in its transaction. What the item's audit row may say. */
export async function storeScreenshot(tx: Tx, feedbackItemId: string, shot: CleanScreenshot, now: Date): Promise<{ screenshotAttached: 'yes'; screenshotBytes: number }> {
  await tx.feedbackScreenshot.create({
    data: {
      feedbackItemId,
      contentType: shot.type,
      sizeBytes: shot.sizeBytes,
      sha256: shot.sha256,
      data: new Uint8Array(shot.bytes),
      createdAt: now,
      expiresAt: new Date(now.getTime() + env.FEEDBACK_SCREENSHOT_RETENTION_DAYS * DAY_MS),
    },
  })
  return { screenshotAttached: 'yes', screenshotBytes: shot.sizeBytes }
}

const INFO_SELECT = { contentType: true, sizeBytes: true, createdAt: true, expiresAt: true, purgedAt: true } satisfies Prisma.FeedbackScreenshotSelect
export type ScreenshotInfo = Prisma.FeedbackScreenshotGetPayload<{ select: typeof INFO_SELECT }> & { expired: boolean }

/** What the item page says about an item's screenshot (never the image); null when it has none. */
export async function screenshotInfo(actor: Actor, feedbackItemId: string, now = new Date()): Promise<ScreenshotInfo | null> {
  authorize(actor, 'feedback:triage')
  const row = await db.feedbackScreenshot.findUnique({ where: { feedbackItemId }, select: INFO_SELECT })
  return row ? { ...row, expired: row.purgedAt !== null || row.expiresAt <= now } : null
}

/** The image for a triager, audited on the item; 404 when there is none or it expired. */
export async function viewScreenshot(actor: Actor, feedbackItemId: string, ctx: { requestId?: string | null; ip?: string | null; now?: Date } = {}): Promise<{ type: string; bytes: Uint8Array }> {
  authorize(actor, 'feedback:triage')
  const now = ctx.now ?? new Date()
  const row = await db.feedbackScreenshot.findUnique({ where: { feedbackItemId }, select: { contentType: true, sizeBytes: true, data: true, expiresAt: true, feedbackItem: { select: { number: true } } } })
  if (!row) throw notFound('This feedback item has no screenshot')
  if (!row.data || row.expiresAt <= now) throw new ApiError(404, 'screenshot_expired', 'This screenshot has expired and was deleted')
  await recordAudit(actor, {
    action: SCREENSHOT_VIEW_ACTION,
    targetType: 'feedback',
    targetId: feedbackItemId,
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
    summary: { number: row.feedbackItem.number, bytes: row.sizeBytes },
  })
  return { type: row.contentType, bytes: row.data }
}

export interface PurgeReceipt {
  count: number
  bytes: number
  /** The earliest and latest expiry among those deleted (ISO), null when none. */
  from: string | null
  to: string | null
}

/**
 * Deletes the bytes of every screenshot past its expiry (the row stays: size, type, hash and dates, so the
 * item page can say it expired) and writes one receipt to the audit log, in the same transaction. Runs
 * again harmlessly: what was purged is not counted twice.
 */
export async function purgeExpiredScreenshots(actor: Actor, now: Date): Promise<PurgeReceipt> {
  return inTransaction(async (tx) => {
    const where = { expiresAt: { lte: now }, purgedAt: null }
    const agg = await tx.feedbackScreenshot.aggregate({ where, _count: true, _sum: { sizeBytes: true }, _min: { expiresAt: true }, _max: { expiresAt: true } })
    const receipt: PurgeReceipt = { count: agg._count, bytes: agg._sum.sizeBytes ?? 0, from: agg._min.expiresAt?.toISOString() ?? null, to: agg._max.expiresAt?.toISOString() ?? null }
    if (receipt.count === 0) return receipt
    await tx.feedbackScreenshot.updateMany({ where, data: { data: null, purgedAt: now } })
    await recordAudit(actor, { action: SCREENSHOT_PURGE_ACTION, targetType: 'feedback_screenshot', targetId: null, summary: { ...receipt, retentionDays: env.FEEDBACK_SCREENSHOT_RETENTION_DAYS } }, tx)
    return receipt
  })
}
