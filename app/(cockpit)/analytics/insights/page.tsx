import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { env } from '@/lib/env'
import { hasPermission } from '@/lib/rbac'
import { countInsights, listInsights, parseInsightFilter, type InsightFilter } from '@/lib/analytics/insight-queries'
import { INSIGHTS_JOB } from '@/lib/analytics/registry-schema'
import { getJobOverview, listJobRuns } from '@/lib/jobs/queries'
import { AnalyticsTabs } from '@/components/analytics/analytics-tabs'
import { InsightJobSummary, InsightMethod, type InsightJobState } from '@/components/analytics/insight-method'
import { InsightRunButton } from '@/components/analytics/insight-run-button'
import { InsightTable } from '@/components/analytics/insight-table'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { TabsNav } from '@/components/ui/tabs-nav'

export const metadata: Metadata = { title: 'Insights' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const FILTER_LABELS: Record<InsightFilter, string> = { open: 'Open', dismissed: 'Dismissed', task_created: 'Feedback tasks', all: 'All' }
const TITLES: Record<InsightFilter, string> = { open: 'Open insights', dismissed: 'Dismissed insights', task_created: 'Insights that became feedback tasks', all: 'All insights' }
const EMPTY: Record<InsightFilter, string> = {
  open: 'No open insights',
  dismissed: 'No dismissed insights',
  task_created: 'No insight has become a feedback task yet',
  all: 'No insights yet',
}

async function jobState(): Promise<InsightJobState> {
  const [overview, { runs }] = await Promise.all([getJobOverview(INSIGHTS_JOB), listJobRuns(INSIGHTS_JOB, 1, 10)])
  const last = runs.find((r) => r.status === 'ok' || r.status === 'failed')
  return {
    lastRun: last ? { at: last.startedAt, status: last.status, result: last.result && typeof last.result === 'object' && !Array.isArray(last.result) ? (last.result as Record<string, unknown>) : null } : null,
    nextRunAt: overview?.nextRunAt ?? null,
    scheduleText: overview?.scheduleText ?? 'daily',
  }
}

/** Significant rises in drop-off found by the daily job, highest priority first, each with its funnel. */
export default async function InsightsPage({ searchParams }: Props) {
  const user = await requirePagePermission('analytics:read')
  const canManage = hasPermission(user.role, 'analytics:manage')
  const canRun = hasPermission(user.role, 'job:run')
  const filter = parseInsightFilter((await searchParams).status)
  const k = env.ANALYTICS_MIN_GROUP_SIZE
  const [rows, counts, job] = await Promise.all([listInsights(filter, k), countInsights(), jobState()])
  const awaiting = rows.filter((r) => r.awaitingFeedbackTask).length
  const total = counts.open + counts.dismissed + counts.task_created
  const tabs = (['open', 'dismissed', 'task_created', 'all'] as const).map((f) => ({
    href: f === 'open' ? '/analytics/insights' : `/analytics/insights?status=${f}`,
    label: FILTER_LABELS[f],
    count: f === 'all' ? total : counts[f],
  }))

  return (
    <StackedPage
      title="Insights"
      description="Workflow steps that lose significantly more people than the week before, for the whole hospital or one department. Each links to its funnel for the week, to see who was lost and where they went."
      actions={canRun ? <InsightRunButton /> : undefined}
    >
      <AnalyticsTabs current="/analytics/insights" />
      {rows.length > 0 && <InsightJobSummary job={job} />}
      <SectionCard
        headingId="insights-heading"
        title={TITLES[filter]}
        description={
          awaiting > 0
            ? `${awaiting} high-priority ${awaiting === 1 ? 'insight is' : 'insights are'} awaiting a feedback task: the next run of the insights job makes each an improvement task in Feedback (optimisation, from user analytics) linking back here.`
            : canManage
              ? 'Dismiss an insight that needs no work (a known cause, a data problem); it can be reopened. Both are recorded in the audit log.'
              : undefined
        }
        bare
      >
        <div className="px-4 pt-2">
          <TabsNav label="Insight status" tabs={tabs} current={tabs[['open', 'dismissed', 'task_created', 'all'].indexOf(filter)]!.href} />
        </div>
        {rows.length === 0 ? (
          <EmptyState title={EMPTY[filter]} icon={filter === 'open' ? 'check-circle' : 'list'}>
            <div className="space-y-3 text-left">
              <InsightJobSummary job={job} />
              <InsightMethod k={k} />
            </div>
          </EmptyState>
        ) : (
          <InsightTable rows={rows} k={k} canManage={canManage} />
        )}
      </SectionCard>
      {rows.length > 0 && (
        <SectionCard headingId="method-heading" title="How insights are found">
          <InsightMethod k={k} />
        </SectionCard>
      )}
    </StackedPage>
  )
}
