/**
 * Where an insight leads: its workflow's funnel over the insight's current period, broken down by
 * department when the insight is about one (the department is then one of the funnel's groups). Pure.
 */
import { funnelParamsToSearch } from './funnel-params'
import type { WorkflowDefinition } from './workflow-schema'

export interface InsightLinkable {
  department: string
  periodFrom: Date
  periodTo: Date
  previousFrom: Date
  previousTo: Date
}

function funnelHref(w: WorkflowDefinition, from: Date, to: Date, byDepartment: boolean): string {
  return `/analytics/funnels?${funnelParamsToSearch({
    workflow: w.key,
    steps: w.steps,
    from,
    to,
    conversionWindowMs: w.conversionWindowMs,
    orderMode: w.orderMode,
    exclusions: w.exclusions,
    breakdown: byDepartment ? { kind: 'department' } : { kind: 'none' },
  })}`
}

/** The funnel of the current and of the previous period (to compare them side by side). */
export function insightFunnelLinks(insight: InsightLinkable, workflow: WorkflowDefinition): { current: string; previous: string } {
  const byDepartment = insight.department !== ''
  return {
    current: funnelHref(workflow, insight.periodFrom, insight.periodTo, byDepartment),
    previous: funnelHref(workflow, insight.previousFrom, insight.previousTo, byDepartment),
  }
}
