import type { ProbeResultItem } from '@/lib/probes/queries'
import { BoolBadge } from '@/components/ui/badge-map'
import { DataTable } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'
import { formatNumber } from '@/lib/format'

/** The latest checks, newest first. */
export function ProbeResultsTable({ results, caption, showProbe }: { results: ProbeResultItem[]; caption: string; showProbe: boolean }) {
  return (
    <DataTable<ProbeResultItem>
      caption={caption}
      captionHidden
      rows={results}
      rowKey={(r) => String(r.id)}
      columns={[
        { header: 'Checked', cell: (r) => <RelativeTime date={r.at} /> },
        showProbe && { header: 'Probe', className: 'max-w-48 truncate', cell: (r) => r.probe.name },
        {
          header: 'Result',
          cell: (r) => <BoolBadge value={r.up} yes={{ label: 'Up', tone: 'ok', icon: 'check-circle' }} no={{ label: 'Down', tone: 'critical', icon: 'x-circle' }} />,
        },
        { header: 'Status', numeric: true, cell: (r) => r.statusCode ?? '—' },
        { header: 'Latency', numeric: true, cell: (r) => `${formatNumber(r.latencyMs)} ms` },
        { header: 'Error', className: 'text-xs text-ink-muted', cell: (r) => r.error ?? '' },
      ]}
    />
  )
}
