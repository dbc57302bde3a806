/**
 * The clinician's home on the overview: the service levels of the clinical workflows (emergency triage,
 * diagnosis, medication review), read-only. Shown to people who do not run operations (no incident:read)
 * but may read SLOs: clinicians. Their own feedback and its status join it once the feedback area lands.
 */
import 'server-only'
import { WORKFLOW_LABELS, WORKFLOWS, type Workflow } from '../incidents/schema'
import { hasPermission, type Role } from '../rbac'
import { getSloOverview } from '../slo/overview'
import type { SloSummary } from '../slo/types'

export interface WorkflowSlos {
  workflow: Workflow
  label: string
  slos: SloSummary[]
}

/** Whether the overview leads with the clinical workflows for this role, instead of operations. */
export const showsClinicalHome = (role: Role): boolean => hasPermission(role, 'slo:read') && !hasPermission(role, 'incident:read')

/** Group SLO summaries by the clinical workflow they concern, in the product's workflow order; empty groups stay (they say "none yet"). */
export function groupByWorkflow(slos: readonly SloSummary[]): WorkflowSlos[] {
  return WORKFLOWS.map((workflow) => ({ workflow, label: WORKFLOW_LABELS[workflow], slos: slos.filter((s) => s.workflow === workflow) }))
}

/** The clinical workflows and their SLOs for this role's home, or null when the overview is not its home. */
export async function getClinicalHome(role: Role, now = new Date()): Promise<WorkflowSlos[] | null> {
  if (!showsClinicalHome(role)) return null
  return groupByWorkflow(await getSloOverview(now))
}
