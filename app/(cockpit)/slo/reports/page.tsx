import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { env } from '@/lib/env'
import { hasPermission } from '@/lib/rbac'
import { hasEmailChannel, listReports, subscribedPeriods } from '@/lib/slo/report-queries'
import { isReportPeriod, REPORT_PERIOD_LABELS } from '@/lib/slo/report-periods'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { GenerateReportForm } from '@/components/slo/generate-report-form'
import { PeriodFilter } from '@/components/slo/period-filter'
import { ReportList } from '@/components/slo/report-list'
import { SloTabs } from '@/components/slo/slo-tabs'
import { SubscriptionControls } from '@/components/slo/subscription-controls'

export const metadata: Metadata = { title: 'SLA reports' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function SlaReportsPage({ searchParams }: Props) {
  const user = await requirePagePermission('report:read')
  const raw = (await searchParams).period
  const period = isReportPeriod(raw) ? raw : null
  const [reports, subscribed, canSend] = await Promise.all([listReports({ period: period ?? undefined }), subscribedPeriods(user.id), hasEmailChannel()])
  const canGenerate = hasPermission(user.role, 'slo:manage')
  const tz = env.WARDROOM_TIMEZONE

  return (
    <StackedPage
      title="SLA reports"
      description={`Daily, weekly and monthly reports of every objective: compliance, error budget used, violations, time to resolve, and the change against the period before. Built at 09:00 (${tz}) for the period that just ended.`}
    >
      <SloTabs current="/slo/reports" />

      <SectionCard
        headingId="reports-heading"
        title="Reports"
        description={period ? `${REPORT_PERIOD_LABELS[period]} reports only, newest first.` : 'All periods, newest first.'}
        bare
      >
        <div className="px-4 pt-1">
          <PeriodFilter current={period} />
        </div>
        {reports.length === 0 ? (
          <EmptyState title={period ? `No ${period} reports yet` : 'No reports yet'} icon="list">
            The first report appears after the next 09:00 run ({tz}): daily reports cover the day before, weekly ones the ISO week
            before (on Mondays), monthly ones the month before (on the 1st).
            {canGenerate ? ' You can also generate one now, below.' : ''}
          </EmptyState>
        ) : (
          <ReportList reports={reports} />
        )}
      </SectionCard>

      <div className="grid gap-6 lg:grid-cols-2">
        <SectionCard headingId="subscribe-heading" title="Your subscriptions" description="Get the reports by e-mail, with the figures attached as CSV.">
          <SubscriptionControls subscribed={[...subscribed]} email={user.email} timeZone={tz} canSend={canSend} />
        </SectionCard>

        {canGenerate && (
          <SectionCard
            headingId="generate-heading"
            title="Generate a report"
            description="Builds the report of a whole past period now; an existing report for it is replaced."
          >
            <GenerateReportForm timeZone={tz} />
          </SectionCard>
        )}
      </div>
    </StackedPage>
  )
}
