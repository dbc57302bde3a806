import type { AlertGroup } from '@/lib/incidents/board-queries'
import { BoolBadge } from '@/components/ui/badge-map'
import { CellNote, DataTable, NarrowOnly, type Columns, type ContainerSize } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'
import { SeverityBadge } from '@/components/ui/severity-badge'

/** Below this table width (the incident page's main column on a 1024 px screen) status, count and times move into other cells. */
const WIDE: ContainerSize = '2xl'

function FiringBadge({ alert }: { alert: AlertGroup }) {
  return <BoolBadge value={alert.status === 'firing'} yes={{ label: 'Firing', tone: 'critical', icon: 'bell' }} no={{ label: 'Resolved', tone: 'ok', icon: 'check-circle' }} />
}

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
  { header: 'Status', hideBelow: WIDE, cell: (a) => <FiringBadge alert={a} /> },
  {
    header: 'Severity',
    cell: (a) => (
      <>
        <SeverityBadge severity={a.severity} />
        <NarrowOnly below={WIDE} className="mt-1">
          <FiringBadge alert={a} />
        </NarrowOnly>
      </>
    ),
  },
  {
    header: 'Message',
    className: 'max-w-md wrap-anywhere',
    cell: (a) => (
      <>
        {a.message}
        <NarrowOnly below={WIDE} className="mt-0.5 text-xs text-ink-muted">
          {a.count === 1 ? 'once' : `${a.count} times`}, first <RelativeTime date={a.firstSeen} />, last <RelativeTime date={a.lastSeen} />
        </NarrowOnly>
      </>
    ),
  },
  { header: 'Count', numeric: true, hideBelow: WIDE, cell: (a) => a.count },
  { header: 'First seen', hideBelow: WIDE, cell: (a) => <RelativeTime date={a.firstSeen} /> },
  { header: 'Last seen', hideBelow: WIDE, cell: (a) => <RelativeTime date={a.lastSeen} /> },
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
