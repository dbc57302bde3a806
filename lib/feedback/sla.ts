/**
 * Processing SLAs (the guide): how long an item may wait before someone triages it (moves it out of
 * `new`). Calendar time, not working hours: wards run around the clock, and so do their safety reports.
 *   critical — immediately: due on arrival. Only safety concerns are critical; the safety lane opens an
 *              incident on arrival (next session), which pages on-call at once, and the SLA escalation job
 *              treats a critical item as overdue from its first run. Its timer shows how long it has waited.
 *   high     — within 4 hours.
 *   medium   — within 24 hours.
 *   low      — within 7 days (our choice: the guide names none; a weekly product triage meeting sees
 *              every low item at least once).
 */
import type { FeedbackPriority } from './schema'

const HOUR = 60 * 60 * 1000

export const PROCESSING_SLA_MS: Record<FeedbackPriority, number> = {
  critical: 0,
  high: 4 * HOUR,
  medium: 24 * HOUR,
  low: 7 * 24 * HOUR,
}

/** When an item received at `receivedAt` with this priority must have been triaged. */
export function slaDueAt(priority: FeedbackPriority, receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + PROCESSING_SLA_MS[priority])
}

export type SlaState = 'met' | 'breached' | 'running' | 'overdue'

/** Where an item stands: triaged in time (met) or late (breached); untriaged and still in time (running) or not (overdue). */
export function slaState(dueAt: Date, triagedAt: Date | null, now: Date): SlaState {
  if (triagedAt) return triagedAt.getTime() <= dueAt.getTime() ? 'met' : 'breached'
  return now.getTime() < dueAt.getTime() ? 'running' : 'overdue'
}
