/**
 * What a high-priority insight becomes in the feedback area (issue 14): an improvement task (type
 * optimization, source user_analytics) saying which step of which workflow loses more people, where, by
 * how much and how sure, linking back to the funnel of its week. Pure: the job that creates it
 * (lib/jobs/analytics-insights.ts) passes it to the feedback area's command, since analytics never
 * imports feedback. Counts of lost people under k are withheld, as on the insights page.
 */
import { suppressedRate, suppressSmall } from './k-anonymity'
import { insightFunnelLinks, type InsightLinkable } from './insight-links'
import type { WorkflowDefinition } from './workflow-schema'

export interface InsightForTask extends InsightLinkable {
  id: string
  workflowKey: string
  step: number
  stepLabel: string
  currentBase: number
  currentLost: number
  previousBase: number
  previousLost: number
  pValue: number
}

export interface ImprovementTaskDraft {
  key: string
  title: string
  description: string
  link: string
  workflow: string
  step: number
  department?: string
}

/** The feedback area's limit on a link. */
const MAX_LINK = 2000
const percent = (r: number | null) => (r === null ? 'withheld (fewer than k people)' : `${(r * 100).toFixed(1)} %`)

export function improvementTaskOf(insight: InsightForTask, workflow: WorkflowDefinition | null, k: number): ImprovementTaskDraft {
  const name = workflow?.name ?? insight.workflowKey
  const where = insight.department === '' ? 'the whole hospital' : insight.department
  const before = suppressedRate(insight.previousLost, insight.previousBase, k)
  const now = suppressedRate(insight.currentLost, insight.currentBase, k)
  const lost = suppressSmall(insight.currentLost, k)
  const p = insight.pValue < 0.001 ? 'p < 0.001' : `p = ${insight.pValue.toFixed(3)}`
  const funnel = workflow ? insightFunnelLinks(insight, workflow).current : null
  return {
    key: `insight:${insight.id}`,
    title: `${name}: more people stop at step ${insight.step} (${insight.stepLabel}) in ${where}`.slice(0, 200),
    description: [
      // No dates: the PHI redactor takes dates out of free text; the link carries the week.
      `Drop-off at step ${insight.step} “${insight.stepLabel}” of ${name} rose from ${percent(before)} in the week before to ${percent(now)} in the week the insight covers, in ${where}.`,
      `${lost === null ? `Fewer than ${k}` : lost} of ${insight.currentBase} people who reached the step before did not go on (one-sided two-proportion z-test, ${p}, Benjamini–Hochberg across the run).`,
      'Found by the daily analytics-insights job. Look at the funnel of that week, its drop-off sessions, and what changed (releases, flags, staffing).',
    ].join('\n\n'),
    link: funnel && funnel.length <= MAX_LINK ? funnel : `/analytics/insights?status=task_created`,
    workflow: insight.workflowKey,
    step: insight.step,
    ...(insight.department ? { department: insight.department } : {}),
  }
}
