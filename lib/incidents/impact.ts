/**
 * Clinical impact: which clinical workflows an incident touches, and the rule that raises its severity.
 *
 * THE RULE (documented in the operations guide, unit-tested in impact.test.ts):
 *   An incident that affects `emergency_triage` is raised to at least `high`; if the alert already says
 *   `high` (or `critical`), it becomes `critical`.
 *   Why: a degraded triage model delays or mis-orders emergency patients; minutes matter, so such an
 *   incident must page someone at once rather than wait in a queue. Other workflows keep the alert's own
 *   severity. The rule only raises, never lowers, and applies when an incident opens from an alert; a
 *   person may still change severity afterwards, with a reason, on the incident page.
 */
import { isWorkflow, type Workflow } from './schema'
import { type Severity } from '@/lib/severity'
import { SEVERITY_RANK } from '@/lib/severity'

export interface ClinicalImpact {
  severity: Severity
  workflows: Workflow[]
  /** Set when the rule changed the alert's severity. */
  raisedFrom: Severity | null
  reason: string | null
}

export const TRIAGE_RULE_REASON = 'Clinical impact rule: emergency triage is affected'

/** Union of the service's workflows and those the alert names, known workflows only, in a stable order. */
export function affectedWorkflows(...lists: (readonly string[] | null | undefined)[]): Workflow[] {
  const set = new Set<string>()
  for (const list of lists) for (const w of list ?? []) set.add(w.trim().toLowerCase())
  return [...set].filter(isWorkflow).sort()
}

export function clinicalImpact(alertSeverity: Severity, workflows: readonly Workflow[]): ClinicalImpact {
  const base = { workflows: [...workflows], raisedFrom: null, reason: null }
  if (!workflows.includes('emergency_triage')) return { ...base, severity: alertSeverity }
  const raised: Severity = SEVERITY_RANK[alertSeverity] <= SEVERITY_RANK.high ? 'critical' : 'high'
  if (raised === alertSeverity) return { ...base, severity: alertSeverity }
  return { ...base, severity: raised, raisedFrom: alertSeverity, reason: TRIAGE_RULE_REASON }
}
