import Link from 'next/link'
import type { ReportListItem } from '@/lib/slo/report-queries'
import { periodLabel, REPORT_PERIOD_LABELS } from '@/lib/slo/report-periods'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'

function metWords(summary: ReportListItem['summary']): string {
  if (!summary) return 'unreadable'
  if (summary.objectives === 0) return 'no objectives'
  return `${summary.met} of ${summary.objectives} met`
}

/** Stored reports, newest period first: what each covers, how it went, when it was built. */
export function ReportList({ reports }: { reports: readonly ReportListItem[] }) {
  return (
    <Table caption="SLA reports, newest first" captionHidden>
      <THead>
        <Tr>
          <Th>Report</Th>
          <Th>Period</Th>
          <Th numeric>Objectives met</Th>
          <Th numeric>Violations</Th>
          <Th>Generated</Th>
          <Th>
            <span className="sr-only">Download</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {reports.map((r) => {
          const label = periodLabel(r.period, r.periodStart, r.timezone)
          return (
            <Tr key={r.id}>
              <Td>
                <Link href={`/slo/reports/${r.id}`} className="font-medium text-accent-fg hover:underline">
                  {label}
                </Link>
              </Td>
              <Td>
                <Badge>{REPORT_PERIOD_LABELS[r.period]}</Badge>
              </Td>
              <Td numeric>
                {r.summary && r.summary.missed > 0 ? (
                  <Badge tone="breached" icon="x-circle">
                    {metWords(r.summary)}
                  </Badge>
                ) : (
                  metWords(r.summary)
                )}
              </Td>
              <Td numeric>{r.summary?.violations ?? '–'}</Td>
              <Td>
                <RelativeTime date={r.generatedAt} />
              </Td>
              <Td>
                <a href={`/api/slo/reports/${r.id}/csv`} download className="text-sm text-accent-fg hover:underline">
                  CSV<span className="sr-only"> of the {r.period} report for {label}</span>
                </a>
              </Td>
            </Tr>
          )
        })}
      </TBody>
    </Table>
  )
}
