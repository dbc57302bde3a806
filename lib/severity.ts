/**
 * The severity scale and incident statuses, once for the whole product: lib code (ingest, escalation,
 * notifications, overview), the schemas, and the badges all read them from here. Client-safe: no server
 * imports. The colours live as Tailwind tokens named after the scale (`bg-critical-bg`, `text-high-fg`,
 * …, app/globals.css); `SEVERITY_TONE` names each severity's token so components never spell them.
 */
import type { IncidentStatus, Severity } from './generated/prisma/enums'

export type { IncidentStatus, Severity }

/** Most to least severe; index 0 is the most severe. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const satisfies readonly Severity[]
export const INCIDENT_STATUSES = ['triggered', 'acknowledged', 'investigating', 'resolved'] as const satisfies readonly IncidentStatus[]

/** Lower rank = more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 }

export const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' }
export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  investigating: 'Investigating',
  resolved: 'Resolved',
}

/** The Tailwind colour token of each severity (`bg-<tone>-bg`, `text-<tone>-fg`, `border-<tone>-border`). */
export const SEVERITY_TONE: Record<Severity, Severity> = { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'info' }

export const moreSevere = (a: Severity, b: Severity): Severity => (SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b)
/** True when `s` is `floor` or more severe. */
export const isAtLeast = (s: Severity, floor: Severity): boolean => SEVERITY_RANK[s] <= SEVERITY_RANK[floor]
/** True when a channel whose threshold is `minSeverity` should hear about an incident of `severity`. */
export const severityAdmits = (minSeverity: Severity, severity: Severity): boolean => isAtLeast(severity, minSeverity)
