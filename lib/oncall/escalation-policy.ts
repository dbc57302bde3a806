/**
 * The escalation policy, pure (no database, no clock): when an unacknowledged incident first pages, and
 * how it climbs its policy's levels. The runner that pages due incidents is lib/incidents/escalation.ts;
 * who is on call at a level is read by `pagedTargets` (schedules.ts).
 *
 * Timing: an incident of severity S opened at T first pages level 1 at T + severityDelays[S] +
 * levels[0].delayMinutes (a severity absent from severityDelays never pages). Level n+1 pages
 * levels[n].delayMinutes after level n, while nobody acknowledged. After the last level the incident is
 * "exhausted": nextEscalationAt becomes null. Incident.escalationLevel counts the levels paged so far.
 *
 * Emergency interval (the guide's "emergency 15 min"): when a policy sets `emergencyIntervalMinutes`, a
 * critical incident climbs at most that many minutes apart — each gap is min(level delay, interval), so a
 * level set to page together with the previous one (delay 0) still does. It changes only the climb between
 * levels; the first page stays severityDelays[critical] + levels[0].delayMinutes.
 */
import type { Severity } from '@/lib/severity'
import { MINUTE_MS } from '@/lib/time'
import { EscalationLevels, type EscalationLevel } from './schema'

/** Minutes before the first page for `severity`, or null when this severity never pages. */
export function severityDelayMinutes(severityDelays: unknown, severity: Severity): number | null {
  if (!severityDelays || typeof severityDelays !== 'object' || Array.isArray(severityDelays)) return null
  const value = (severityDelays as Record<string, unknown>)[severity]
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null
  return value
}

/** The levels of a stored policy, or [] when the JSON is not a valid list of levels. */
export function parseLevels(levels: unknown): EscalationLevel[] {
  const parsed = EscalationLevels.safeParse(levels)
  return parsed.success ? parsed.data : []
}

/**
 * When an incident of `severity` opened at `from` first escalates under `policy`; null = never pages
 * (no policy, no valid levels, or the severity is absent from the policy's severityDelays).
 */
export function firstEscalationAt(
  policy: { levels: unknown; severityDelays: unknown } | null,
  severity: Severity,
  from: Date,
): Date | null {
  if (!policy) return null
  const first = parseLevels(policy.levels)[0]
  const delay = severityDelayMinutes(policy.severityDelays, severity)
  if (!first || delay === null) return null
  return new Date(from.getTime() + (delay + first.delayMinutes) * MINUTE_MS)
}

/** The emergency interval that applies to an incident of `severity`: the policy's for critical, else null. */
export function emergencyIntervalFor(policy: { emergencyIntervalMinutes?: number | null } | null, severity: Severity): number | null {
  const value = policy?.emergencyIntervalMinutes
  if (severity !== 'critical' || typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null
  return value
}

/**
 * When the level after the `paged`-th (1-based) pages, counted from when that one paged; null after the last.
 * `capMinutes` (emergencyIntervalFor) shortens the gap to at most that many minutes.
 */
export function nextLevelAt(levels: readonly Pick<EscalationLevel, 'delayMinutes'>[], paged: number, pagedAt: Date, capMinutes: number | null = null): Date | null {
  const next = levels[paged]
  if (!next) return null
  const gap = capMinutes === null ? next.delayMinutes : Math.min(next.delayMinutes, capMinutes)
  return new Date(pagedAt.getTime() + gap * MINUTE_MS)
}
