import { formatDuration, formatNumber } from '@/lib/format'
import { DRILL_CHECK_LABELS, TRIGGER_LABELS } from '@/lib/backups/display'
import type { DrillRecord } from '@/lib/backups/queries'
import { Badge } from '@/components/ui/badge'
import { CellNote, CellTitle, DataTable, NarrowOnly } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'

function Result({ drill }: { drill: DrillRecord }) {
  if (drill.ok) {
    return (
      <Badge tone="ok" icon="check-circle">
        Passed
      </Badge>
    )
  }
  const failed = drill.checks.find((c) => !c.ok)
  return (
    <>
      <Badge tone="breached" icon="x-circle">
        Failed{failed ? `: ${DRILL_CHECK_LABELS[failed.name] ?? failed.name}` : ''}
      </Badge>
      {drill.error && <span className="mt-1 block max-w-md text-xs text-ink wrap-anywhere">{drill.error}</span>}
    </>
  )
}

/** Restore drills, newest first, with what each measured (restore time, backup age) and what it checked. */
export function DrillTable({ drills }: { drills: readonly DrillRecord[] }) {
  return (
    <DataTable
      caption="Restore drills, newest first"
      captionHidden
      rows={drills}
      rowKey={(d) => d.id}
      columns={[
        {
          header: 'Drill',
          cell: (d) => (
            <>
              <RelativeTime date={d.startedAt} />
              <CellNote>
                {TRIGGER_LABELS[d.trigger] ?? d.trigger} · {d.actorLabel}
              </CellNote>
            </>
          ),
        },
        { header: 'Result', cell: (d) => <Result drill={d} /> },
        {
          header: 'Restore time',
          numeric: true,
          cell: (d) => (
            <>
              {d.restoreMs === null ? <span className="text-ink-muted">not restored</span> : <span className="tabular-nums">{formatDuration(d.totalMs)}</span>}
              {d.restoreMs !== null && <CellNote>replay {formatDuration(d.restoreMs)}</CellNote>}
              <NarrowOnly below="4xl" className="text-xs text-ink-muted">
                backup {d.backupAgeMs === null ? 'none' : `${formatDuration(d.backupAgeMs)} old`}
              </NarrowOnly>
            </>
          ),
        },
        {
          header: 'Backup age',
          numeric: true,
          hideBelow: '4xl',
          cell: (d) => <span className="tabular-nums">{d.backupAgeMs === null ? 'none' : formatDuration(d.backupAgeMs)}</span>,
        },
        {
          header: 'Verified',
          hideBelow: '4xl',
          cell: (d) =>
            d.backupFile ? (
              <>
                <CellTitle text={d.backupFile} className="font-mono text-xs font-normal" />
                <CellNote>
                  {d.rows === null ? 'rows not counted' : `${formatNumber(d.rows)} rows`}
                  {d.auditRows !== null ? ` · ${formatNumber(d.auditRows)} audit rows chained` : ''}
                </CellNote>
              </>
            ) : (
              <span className="text-ink-muted">no backup</span>
            ),
        },
      ]}
    />
  )
}
