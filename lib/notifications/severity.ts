import type { Severity } from '@/lib/generated/prisma/enums'

/** Most to least urgent; index 0 is the most severe. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info']

/** True when a channel whose threshold is `minSeverity` should hear about an incident of `severity`. */
export function severityAdmits(minSeverity: Severity, severity: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(minSeverity)
}
