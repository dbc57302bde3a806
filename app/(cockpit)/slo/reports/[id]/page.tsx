import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { getReport } from '@/lib/slo/report-queries'
import { periodLabel, REPORT_PERIOD_LABELS } from '@/lib/slo/report-periods'
import { buttonClasses } from '@/components/ui/button'
import { PageHeader } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'
import { PrintButton } from '@/components/slo/print-button'
import { ReportView } from '@/components/slo/report-view'
import { SloTabs } from '@/components/slo/slo-tabs'

export const metadata: Metadata = { title: 'SLA report' }

type Props = { params: Promise<{ id: string }> }

export default async function SlaReportPage({ params }: Props) {
  await requirePagePermission('report:read')
  const { id } = await params
  const report = await getReport(id)
  if (!report) notFound()
  const label = periodLabel(report.period, report.periodStart, report.timezone)

  return (
    <article aria-labelledby="report-title" className="space-y-6 print:space-y-4">
      <PageHeader
        eyebrow={
          <Link href="/slo/reports" className="hover:underline print:hidden">
            SLA reports
          </Link>
        }
        title={<span id="report-title">{`${REPORT_PERIOD_LABELS[report.period]} SLA report · ${label}`}</span>}
        description={
          <>
            Times in {report.timezone}. Generated <RelativeTime date={report.generatedAt} />.
          </>
        }
        actions={
          <>
            <PrintButton />
            <a href={`/api/slo/reports/${report.id}/csv`} download className={buttonClasses('primary', 'md', 'print:hidden')}>
              Download CSV
            </a>
          </>
        }
        className="mb-0"
      />
      <SloTabs current="/slo/reports" />
      <ReportView report={report} />
    </article>
  )
}
