/**
 * Escalating processing-SLA breaches (run by the feedback-sla job): items still `new` past their due time
 * go to on-call as ONE alert per run, keyed `feedback-sla`, so a storm of late items joins the one open
 * incident instead of opening one each; after that incident is resolved, the next breach opens a new one.
 * Each item is escalated once (slaEscalatedAt), so runs are idempotent. Duplicates (triaged by their merge)
 * and safety concerns (their own incident paged on arrival: safety-lane.ts) are not in it.
 * The alert names item numbers and counts only, never report text.
 */
import { recordAudit } from '@/lib/audit'
import { systemActor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { ingestAlert } from '@/lib/incidents/ingest'
import { inTransaction } from '@/lib/tx'
import type { Severity } from '@/lib/severity'
import type { FeedbackPriority } from './schema'
import { slaSpan } from './sla-timer'

export const SLA_ACTOR = systemActor('feedback-sla')
export const SLA_INCIDENT_KEY = 'feedback-sla'
const MAX_BATCH = 200
const LISTED = 10

export interface Breach {
  id: string
  number: number
  priority: FeedbackPriority
  slaDueAt: Date
}

/** Pure: the alert's severity follows the most urgent late item (critical items are safety concerns, not here). */
export function breachSeverity(items: readonly Pick<Breach, 'priority'>[]): Severity {
  const ps = new Set(items.map((i) => i.priority))
  return ps.has('critical') || ps.has('high') ? 'high' : ps.has('medium') ? 'medium' : 'low'
}

/** Pure: "3 feedback items waiting past their processing SLA: FB-4, FB-7, FB-9 (oldest overdue by 5 h 2 min)". */
export function breachMessage(items: readonly Breach[], now: Date): string {
  const sorted = [...items].sort((a, b) => a.slaDueAt.getTime() - b.slaDueAt.getTime())
  const listed = sorted.slice(0, LISTED).map((i) => `FB-${i.number}`).join(', ')
  const more = sorted.length > LISTED ? ` and ${sorted.length - LISTED} more` : ''
  const noun = items.length === 1 ? 'feedback item waiting' : 'feedback items waiting'
  return `${items.length} ${noun} past the processing SLA: ${listed}${more} (oldest overdue by ${slaSpan(now.getTime() - sorted[0]!.slaDueAt.getTime())}). Triage them on /feedback.`
}

export function findBreaches(now: Date): Promise<Breach[]> {
  return db.feedbackItem.findMany({
    where: { status: 'new', slaDueAt: { lte: now }, slaEscalatedAt: null, parentId: null, safetyConcern: false },
    orderBy: { slaDueAt: 'asc' },
    take: MAX_BATCH,
    select: { id: true, number: true, priority: true, slaDueAt: true },
  })
}

export interface EscalationResult {
  escalated: number
  incidentId: string | null
}

/** One alert for this run's new breaches, then each item marked and one audit row. */
export async function escalateBreaches(now: Date, opts: { serviceKey?: string | null; ingest?: typeof ingestAlert } = {}): Promise<EscalationResult> {
  const breaches = await findBreaches(now)
  if (breaches.length === 0) return { escalated: 0, incidentId: null }
  const { incidentId } = await (opts.ingest ?? ingestAlert)(SLA_ACTOR, {
    source: 'feedback',
    severity: breachSeverity(breaches),
    system: 'wardroom_feedback',
    message: breachMessage(breaches, now),
    occurredAt: now,
    dedupKey: SLA_INCIDENT_KEY,
    serviceKey: opts.serviceKey ?? null,
    details: { items: breaches.length, numbers: breaches.slice(0, LISTED).map((b) => b.number) },
  })
  await inTransaction(async (tx) => {
    const marked = await tx.feedbackItem.updateMany({ where: { id: { in: breaches.map((b) => b.id) }, slaEscalatedAt: null }, data: { slaEscalatedAt: now } })
    await recordAudit(SLA_ACTOR, { action: 'feedback.sla_escalated', targetType: 'incident', targetId: incidentId, count: marked.count, summary: { items: breaches.map((b) => b.number) } }, tx)
  })
  return { escalated: breaches.length, incidentId }
}
