import type { AlertGroup } from '@/lib/incidents/board-queries'
import { BoolBadge } from '@/components/ui/badge-map'
import { CellNote, DataTable, type Columns } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'
import { SeverityBadge } from '@/components/ui/severity-badge'

const COLUMNS: Columns<AlertGroup> = [
  {
    header: 'Source',
    cell: (a) => (
      <>
        <span className="block">{a.source}</span>
        <CellNote>{a.system}</CellNote>
      </>
    ),
  },
  {
    header: 'Status',
    cell: (a) => (
      <BoolBadge value={a.status === 'firing'} yes={{ label: 'Firing', tone: 'critical', icon: 'bell' }} no={{ label: 'Resolved', tone: 'ok', icon: 'check-circle' }} />
    ),
  },
  { header: 'Severity', cell: (a) => <SeverityBadge severity={a.severity} /> },
  { header: 'Message', className: 'max-w-md break-words', cell: (a) => a.message },
  { header: 'Count', numeric: true, cell: (a) => a.count },
  { header: 'First seen', cell: (a) => <RelativeTime date={a.firstSeen} /> },
  { header: 'Last seen', cell: (a) => <RelativeTime date={a.lastSeen} /> },
]

/** The alerts behind the incident, repeats folded into one row with a count. Messages were redacted at ingest. */
export function AlertsTable({ alerts, total }: { alerts: AlertGroup[]; total: number }) {
  return (
    <DataTable
      caption={`Alerts (${total} received)`}
      captionHidden
      columns={COLUMNS}
      rows={alerts}
      rowKey={(a) => `${a.source}|${a.system}|${a.severity}|${a.status}|${a.fingerprint}|${a.message}`}
    />
  )
}
