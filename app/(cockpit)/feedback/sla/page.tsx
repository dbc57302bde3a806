import type { Metadata } from 'next'
import { actorOfUser } from '@/lib/auth/actor'
import { requirePagePermission } from '@/lib/auth/guard'
import { getSlaReport, parseReportRange } from '@/lib/feedback/report-queries'
import { FeedbackTabs } from '@/components/feedback/feedback-tabs'
import { RangeLinks } from '@/components/feedback/range-links'
import { SlaReportTable } from '@/components/feedback/sla-report-table'
import { TrendsCsvLink } from '@/components/analytics/trends-csv-link'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Feedback SLA report' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** Processing SLAs per priority over a range of arrivals: met, breached, open, and the median time to triage. */
export default async function FeedbackSlaPage({ searchParams }: Props) {
  const user = await requirePagePermission('feedback:read')
  const { days } = parseReportRange(await searchParams)
  const report = await getSlaReport(actorOfUser(user), days)
  const total = report.lines.reduce((s, l) => s + l.total, 0)
  return (
    <StackedPage
      title="Feedback"
      description="Processing SLAs: critical on arrival, high within 4 hours, medium within 24 hours, low within 7 days. Met when an item is triaged (moved out of new) by its due time; items still new past it are escalated to on-call."
    >
      <FeedbackTabs />
      <SectionCard headingId="sla-heading" title={`SLA report, items received in the last ${days} days`} actions={<div className="flex gap-2"><RangeLinks base="/feedback/sla" days={days} /><TrendsCsvLink href={`/api/feedback/sla/csv?days=${days}`} label={`Download the SLA report of the last ${days} days as CSV`} /></div>}>
        {total === 0 ? <EmptyState title="No feedback in this range">Nothing arrived in the last {days} days; choose a longer range.</EmptyState> : <SlaReportTable lines={report.lines} caption={`Processing SLA per priority, last ${days} days`} />}
      </SectionCard>
    </StackedPage>
  )
}
