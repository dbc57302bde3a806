import Link from 'next/link'
import type { ReportListItem } from '@/lib/slo/report-queries'
import { periodLabel, REPORT_PERIOD_LABELS } from '@/lib/slo/report-periods'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { DataTable, type Columns } from '@/components/ui/data-table'

function metWords(summary: ReportListItem['summary']): string {
  if (!summary) return 'unreadable'
  if (summary.objectives === 0) return 'no objectives'
  return `${summary.met} of ${summary.objectives} met`
}

function ReportLink({ r }: { r: ReportListItem }) {
  return (
    <Link href={`/slo/reports/${r.id}`} className="font-medium text-accent-fg hover:underline">
      {periodLabel(r.period, r.periodStart, r.timezone)}
    </Link>
  )
}

const COLUMNS: Columns<ReportListItem> = [
  { header: 'Report', cell: (r) => <ReportLink r={r} /> },
  { header: 'Period', cell: (r) => <Badge>{REPORT_PERIOD_LABELS[r.period]}</Badge> },
  {
    header: 'Objectives met',
    numeric: true,
    cell: (r) =>
      r.summary && r.summary.missed > 0 ? (
        <Badge tone="breached" icon="x-circle">
          {metWords(r.summary)}
        </Badge>
      ) : (
        metWords(r.summary)
      ),
  },
  { header: 'Violations', numeric: true, cell: (r) => r.summary?.violations ?? '–' },
  { header: 'Generated', cell: (r) => <RelativeTime date={r.generatedAt} /> },
  {
    header: 'Download',
    headerHidden: true,
    cell: (r) => (
      <a href={`/api/slo/reports/${r.id}/csv`} download className="text-sm text-accent-fg hover:underline">
        CSV<span className="sr-only"> of the {r.period} report for {periodLabel(r.period, r.periodStart, r.timezone)}</span>
      </a>
    ),
  },
]

/** Stored reports, newest period first: what each covers, how it went, when it was built. */
export function ReportList({ reports }: { reports: readonly ReportListItem[] }) {
  return <DataTable caption="SLA reports, newest first" captionHidden columns={COLUMNS} rows={reports} rowKey={(r) => r.id} />
}
