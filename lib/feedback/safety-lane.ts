/**
 * The patient-safety lane: every safety concern (typed clinical_safety, or read as one by safety.ts) opens an
 * incident on the operations board and tells the safety officers, on arrival.
 *
 * - Nothing acknowledged is lost: submitFeedback commits the item first (its 201 is the acknowledgement),
 *   then calls raiseSafetyIncident. If that fails (database hiccup, ingest busy) the item stays pending
 *   (safetyConcern and no safetyIncidentAt) and the feedback-sla job retries every few minutes
 *   (pendingSafetyItems). The alert's dedup key is per item, so a retry after a half-done attempt joins the
 *   same open incident instead of opening a second.
 * - Severity: critical when the clinician said it is a safety concern (type clinical_safety), high when only
 *   the classifier read it as one (it errs towards flagging; a person confirms). The incident's workflows
 *   come from the report's screen or workflow when they name a clinical workflow (the clinical impact rule
 *   then applies as for any incident).
 * - No PHI on the incident or in any message: only the item number, category, the cue's label and the
 *   (already redacted, coarse) department. The report's text stays on the feedback item.
 * - The safety officers (role safety_officer, active accounts) are e-mailed through the notification outbox,
 *   one message per e-mail channel, in the transaction that links the incident; the incident itself pages
 *   on-call through its escalation policy like any other.
 */
import { recordAudit } from '@/lib/audit'
import { systemActor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { ingestAlert } from '@/lib/incidents/ingest'
import { logger } from '@/lib/logger'
import { enqueuePeopleNotification } from '@/lib/notifications/outbox'
import { inTransaction } from '@/lib/tx'

export const SAFETY_LANE_ACTOR = systemActor('feedback-safety-lane')
export const safetyIncidentKey = (itemId: string) => `feedback-safety:${itemId}`

export interface SafetyItem {
  id: string
  number: number
  type: string
  category: string
  safetyCue: string | null
  department: string | null
}

/** Pure: the incident's title. Item number, category, cue label and department only: no report text. */
export function safetyIncidentMessage(item: SafetyItem): string {
  const parts = [`category ${item.category}`]
  if (item.safetyCue) parts.push(`cue “${item.safetyCue}”`)
  if (item.department) parts.push(`department ${item.department}`)
  const how = item.type === 'clinical_safety' ? 'reported' : 'flagged'
  return `Patient-safety concern ${how} in feedback FB-${item.number} (${parts.join(', ')}). Review it on /feedback.`
}

export const safetySeverity = (type: string) => (type === 'clinical_safety' ? 'critical' : 'high') as 'critical' | 'high'

type Ingest = typeof ingestAlert

export interface SafetyIncidentResult {
  incidentId: string
  notified: number
}

/**
 * Opens (or joins) the incident of one safety concern, links it to the item, queues the safety officers'
 * message and audits it. Returns null when there is nothing to do (not a concern, or already done).
 * Throws when the incident could not be opened: the caller logs it and the job retries.
 */
export async function raiseSafetyIncident(itemId: string, deps: { now?: Date; ingest?: Ingest } = {}): Promise<SafetyIncidentResult | null> {
  const now = deps.now ?? new Date()
  const item = await db.feedbackItem.findUnique({
    where: { id: itemId },
    select: { id: true, number: true, type: true, category: true, safetyCue: true, department: true, screen: true, workflowKey: true, safetyConcern: true, safetyIncidentAt: true, createdAt: true },
  })
  if (!item || !item.safetyConcern || item.safetyIncidentAt) return null
  const { incidentId } = await (deps.ingest ?? ingestAlert)(SAFETY_LANE_ACTOR, {
    source: 'feedback',
    severity: safetySeverity(item.type),
    system: 'wardroom_feedback',
    message: safetyIncidentMessage(item),
    occurredAt: item.createdAt,
    dedupKey: safetyIncidentKey(item.id),
    serviceKey: null,
    workflows: [item.screen, item.workflowKey].flatMap((w) => (w ? [w.trim().toLowerCase().replace(/[\s-]+/g, '_')] : [])),
    details: { feedback: item.number, category: item.category, cue: item.safetyCue, department: item.department },
  })
  return inTransaction(async (tx) => {
    // Taken under the row lock: two attempts at once (arrival and the job) link and notify once.
    const locked = await tx.$queryRaw<{ safetyIncidentAt: Date | null }[]>`SELECT "safetyIncidentAt" FROM "FeedbackItem" WHERE id = ${item.id}::uuid FOR UPDATE`
    if (locked[0]?.safetyIncidentAt) return null
    await tx.feedbackItem.update({ where: { id: item.id }, data: { safetyIncidentAt: now, incidentId } })
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { service: true } })
    const officers = await tx.user.findMany({ where: { role: 'safety_officer', disabledAt: null }, select: { email: true }, orderBy: { email: 'asc' } })
    const notified = await enqueuePeopleNotification(tx, incident, 'safety-officers', officers.map((o) => o.email))
    await recordAudit(
      SAFETY_LANE_ACTOR,
      {
        action: 'feedback.safety_incident',
        targetType: 'feedback',
        targetId: item.id,
        summary: { number: item.number, incident: incident.number, severity: incident.severity, safetyOfficers: officers.length, messagesQueued: notified },
      },
      tx,
    )
    return { incidentId, notified }
  })
}

/** Arrival: never throws (the item is committed and acknowledged); a failure is left for the job to retry. */
export async function raiseSafetyIncidentOnArrival(itemId: string): Promise<void> {
  try {
    await raiseSafetyIncident(itemId)
  } catch (err) {
    logger.warn({ feedback: itemId, error: err instanceof Error ? err.name : 'unknown' }, 'safety incident not opened on arrival; the feedback-sla job retries')
  }
}

/** Safety concerns whose incident is still to be opened, oldest first. */
export function pendingSafetyItems(limit = 50): Promise<{ id: string; number: number }[]> {
  return db.feedbackItem.findMany({ where: { safetyConcern: true, safetyIncidentAt: null }, orderBy: { number: 'asc' }, take: limit, select: { id: true, number: true } })
}
