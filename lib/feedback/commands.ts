/**
 * Feedback arriving: a clinician's report (submitFeedback: the API, next the widget and email intake) and
 * an improvement task from the analytics area (createImprovementTask). Each reads the same way:
 * validate (zod) → authorise → redact every free-text field (before anything is written) → classify
 * (safety.ts, triage.ts, sla.ts) → in one transaction: the idempotency check, duplicate detection
 * (dedup.ts), the row, the parent's counts and the audit row. Audit summaries hold numbers, enumerated
 * values and counts of removed identifiers, never the text.
 *
 * Submissions are serialised by a transaction-scoped advisory lock: two copies of one report arriving
 * together cannot both become parents, and two retries with one idempotency key cannot both insert.
 */
import { recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { conflict, parseOrThrow } from '@/lib/errors'
import type { Prisma } from '@/lib/db'
import { inTransaction, type Tx } from '@/lib/tx'
import { serverPseudonymizer } from '@/lib/analytics/pseudonym'
import { findSimilarOpenItem, mergeDepartments, type SimilarItem } from './dedup'
import { dedupTextOf, Redactor } from './redaction'
import { readSafety } from './safety'
import type { CleanScreenshot } from './screenshot-image'
import { storeScreenshot } from './screenshots'
import { raiseSafetyIncidentOnArrival } from './safety-lane'
import { ImprovementTaskInput, SubmitFeedbackInput, type FeedbackPriority, type FeedbackSource, type FeedbackStatus, type FeedbackType } from './schema'
import { slaDueAt } from './sla'
import { moreUrgent, triage } from './triage'

/** Serialises feedback submissions (pg_advisory_xact_lock(key, 0)). */
const FEEDBACK_LOCK = 7300_0514
const TARGET = 'feedback'

export interface CommandContext {
  requestId?: string | null
  ip?: string | null
  now?: Date
  /** A clean screenshot (screenshots.ts) stored with a newly created item; a retry stores nothing more. */
  screenshot?: CleanScreenshot
}

export interface FeedbackResult {
  id: string
  number: number
  type: FeedbackType
  status: FeedbackStatus
  priority: FeedbackPriority
  priorityReason: string
  category: string
  safetyConcern: boolean
  slaDueAt: string
  /** The parent it was merged into. */
  duplicateOf: string | null
}

/** The answer, and whether this call created the item (false: an earlier call with the same key did). */
export interface Submitted {
  result: FeedbackResult
  created: boolean
}

const RESULT_SELECT = {
  id: true,
  number: true,
  type: true,
  status: true,
  priority: true,
  priorityReason: true,
  category: true,
  safetyConcern: true,
  slaDueAt: true,
  parentId: true,
  description: true,
} as const satisfies Prisma.FeedbackItemSelect
type ResultRow = Prisma.FeedbackItemGetPayload<{ select: typeof RESULT_SELECT }>

const resultOf = (r: ResultRow): FeedbackResult => ({
  id: r.id,
  number: r.number,
  type: r.type,
  status: r.status,
  priority: r.priority,
  priorityReason: r.priorityReason,
  category: r.category,
  safetyConcern: r.safetyConcern,
  slaDueAt: r.slaDueAt.toISOString(),
  duplicateOf: r.parentId,
})

const lock = (tx: Tx) => tx.$queryRaw`SELECT pg_advisory_xact_lock(${FEEDBACK_LOCK}::int4, 0)::text`

/** The item an earlier call with this key created; 409 when the key came with another report. */
async function earlierSubmission(tx: Tx, source: FeedbackSource, key: string | undefined, same: { type: FeedbackType; description: string }): Promise<Submitted | null> {
  if (!key) return null
  const row = await tx.feedbackItem.findUnique({ where: { source_idempotencyKey: { source, idempotencyKey: key } }, select: RESULT_SELECT })
  if (!row) return null
  if (row.type !== same.type || row.description !== same.description) {
    throw conflict('This idempotency key was already used for a different submission', { idempotencyKey: ['Use a new key for each submission'] })
  }
  return { result: resultOf(row), created: false }
}

/** A duplicate joins its parent: counted, its department added, the parent raised to its priority. */
async function joinParent(tx: Tx, parent: SimilarItem, child: { number: number; department: string | null; priority: FeedbackPriority; reason: string; due: Date }) {
  const row = await tx.feedbackItem.findUniqueOrThrow({ where: { id: parent.id }, select: { affectedDepartments: true, priority: true, slaDueAt: true } })
  const raise = moreUrgent(child.priority, row.priority)
  await tx.feedbackItem.update({
    where: { id: parent.id },
    data: {
      duplicateCount: { increment: 1 },
      affectedDepartments: mergeDepartments(row.affectedDepartments, child.department),
      ...(raise
        ? { priority: child.priority, priorityReason: `${child.reason} (raised by duplicate FB-${child.number})`, slaDueAt: child.due < row.slaDueAt ? child.due : row.slaDueAt }
        : {}),
    },
  })
  return { raisedFrom: raise ? row.priority : null }
}

/**
 * A clinician's report: the guide's `POST /api/feedback` payload. Permission feedback:submit (people) or
 * scope feedback:write (the widget's and intake's keys). Retrying with the same idempotency key returns
 * the first result (created: false).
 */
export async function submitFeedback(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<Submitted> {
  const input = parseOrThrow(SubmitFeedbackInput, raw)
  authorize(actor, 'feedback:submit', { scope: 'feedback:write' })
  const now = ctx.now ?? new Date()

  const redactor = new Redactor()
  const description = redactor.text(input.description)
  const c = input.context
  const context = {
    appVersion: redactor.coarse(c.appVersion),
    modelVersion: redactor.coarse(c.modelVersion),
    screen: redactor.coarse(c.screen),
    role: redactor.coarse(c.role),
    department: redactor.coarse(c.department),
    site: redactor.coarse(c.site),
  }
  const flagVariants = redactor.variants(input.flagVariants)
  // The reporter: the id the host sends, else the signed-in person; kept only as a keyed pseudonym.
  const reporterId = input.userId ?? (actor.type === 'user' ? actor.id : undefined)
  const pseudonym = reporterId || input.reporterToken ? serverPseudonymizer() : null
  const reporterKey = reporterId && pseudonym ? pseudonym('reporter', reporterId) : null
  const browserKey = input.reporterToken && pseudonym ? pseudonym('browser', input.reporterToken) : null

  const safety = readSafety(input.type, description)
  const t = triage({ type: input.type, category: input.category, text: description, role: context.role, safety })
  const due = slaDueAt(t.priority, now)
  const dedupText = dedupTextOf(description)

  const submitted = await inTransaction(async (tx) => {
    await lock(tx)
    const earlier = await earlierSubmission(tx, input.source, input.idempotencyKey, { type: input.type, description })
    if (earlier) return earlier
    // A safety concern is never merged: it is only told what it resembles, for a person to look at.
    const similar = await findSimilarOpenItem(tx, { text: dedupText, type: safety.concern ? null : input.type, now })
    const parent = safety.concern ? null : similar
    const row = await tx.feedbackItem.create({
      data: {
        type: input.type,
        category: t.category,
        priority: t.priority,
        priorityReason: t.reason,
        // A merged duplicate is processed by the merge: its parent carries the work (and the SLA).
        status: parent ? 'triaged' : 'new',
        triagedAt: parent ? now : null,
        source: input.source,
        safetyConcern: safety.concern,
        safetyCue: safety.cue,
        description,
        dedupText,
        redactions: redactor.counts,
        rating: input.rating ?? null,
        ...context,
        flagVariants,
        reporterKey,
        browserKey,
        idempotencyKey: input.idempotencyKey ?? null,
        parentId: parent?.id ?? null,
        similarity: similar?.similarity ?? null,
        similarToId: safety.concern ? (similar?.id ?? null) : null,
        affectedDepartments: context.department ? [context.department] : [],
        slaDueAt: due,
        createdAt: now,
      },
      select: RESULT_SELECT,
    })
    const shot = ctx.screenshot ? await storeScreenshot(tx, row.id, ctx.screenshot, now) : null
    const joined = parent ? await joinParent(tx, parent, { number: row.number, department: context.department, priority: t.priority, reason: t.reason, due }) : null
    await recordAudit(
      actor,
      {
        action: 'feedback.submit',
        targetType: TARGET,
        targetId: row.id,
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
        summary: {
          number: row.number,
          type: row.type,
          category: row.category,
          priority: row.priority,
          source: input.source,
          safetyConcern: safety.concern,
          ...(safety.cue ? { safetyCue: safety.cue } : {}),
          redactions: redactor.counts,
          ...(parent ? { duplicateOf: parent.number, similarity: Math.round(parent.similarity * 1000) / 1000 } : {}),
          ...(joined?.raisedFrom ? { parentRaisedFrom: joined.raisedFrom } : {}),
          ...(safety.concern && similar ? { similarTo: similar.number } : {}),
          ...shot,
        },
      },
      tx,
    )
    return { result: resultOf(row), created: true }
  })
  // The safety lane, once the report is committed (and so acknowledged): a failure here is retried by the
  // feedback-sla job, never lost (safety-lane.ts).
  if (submitted.created && submitted.result.safetyConcern) await raiseSafetyIncidentOnArrival(submitted.result.id)
  return submitted
}

/**
 * An improvement task from the analytics area (type optimization, source user_analytics) linking back to
 * the funnel it came from. Idempotent by the caller's key (e.g. the insight id): a second call returns the
 * first task. Permission analytics:manage (a product manager on the insights page, or the system's job);
 * no API key may create one.
 */
export async function createImprovementTask(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<Submitted> {
  const input = parseOrThrow(ImprovementTaskInput, raw)
  authorize(actor, 'analytics:manage')
  const now = ctx.now ?? new Date()
  const redactor = new Redactor()
  const title = redactor.text(input.title)
  const description = redactor.text(input.description)
  const department = redactor.coarse(input.department)
  const workflowKey = redactor.text(input.workflow).slice(0, 100)
  const t = triage({ type: 'optimization', text: `${title}\n${description}`, safety: { concern: false, cue: null } })
  const due = slaDueAt(t.priority, now)

  return inTransaction(async (tx) => {
    await lock(tx)
    // The key names the finding (an insight), not the text: a later call for it returns the first task,
    // even when the insight's figures moved on meanwhile.
    const earlier = await tx.feedbackItem.findUnique({ where: { source_idempotencyKey: { source: 'user_analytics', idempotencyKey: input.key } }, select: RESULT_SELECT })
    if (earlier) return { result: resultOf(earlier), created: false }
    const row = await tx.feedbackItem.create({
      data: {
        type: 'optimization',
        category: t.category,
        priority: t.priority,
        priorityReason: t.reason,
        source: 'user_analytics',
        title,
        description,
        dedupText: dedupTextOf(`${title} ${description}`),
        redactions: redactor.counts,
        department,
        affectedDepartments: department ? [department] : [],
        idempotencyKey: input.key,
        link: input.link,
        workflowKey,
        workflowStep: input.step,
        slaDueAt: due,
        createdAt: now,
      },
      select: RESULT_SELECT,
    })
    await recordAudit(
      actor,
      {
        action: 'feedback.improvement_task',
        targetType: TARGET,
        targetId: row.id,
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
        summary: { number: row.number, priority: row.priority, workflow: workflowKey, step: input.step, redactions: redactor.counts },
      },
      tx,
    )
    return { result: resultOf(row), created: true }
  })
}
