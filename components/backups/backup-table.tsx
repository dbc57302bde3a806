import { formatNumber } from '@/lib/format'
import { BACKUP_KIND_LABELS } from '@/lib/backups/schema'
import { formatBytes } from '@/lib/backups/display'
import type { BackupRow } from '@/lib/backups/queries'
import { Badge } from '@/components/ui/badge'
import { CellNote, CellTitle, DataTable, NarrowOnly } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'

function OffsiteCell({ row }: { row: BackupRow }) {
  if (!row.offsite) return <span className="text-ink-muted">not configured</span>
  return row.offsite.status === 'copied' ? (
    <Badge tone="ok" icon="check-circle">
      Copied
    </Badge>
  ) : (
    <span title={row.offsite.error}>
      <Badge tone="breached" icon="x-circle">
        Failed
      </Badge>
    </span>
  )
}

/** Backups on this server's disk, newest first: when, which kind, size, checksum, what they hold, the offsite copy. */
export function BackupTable({ backups }: { backups: readonly BackupRow[] }) {
  return (
    <DataTable
      caption="Backups on disk, newest first"
      captionHidden
      rows={backups}
      rowKey={(b) => b.file}
      columns={[
        {
          header: 'Taken',
          cell: (b) => (
            <>
              <RelativeTime date={b.createdAt} />
              <CellNote>{BACKUP_KIND_LABELS[b.kind]}</CellNote>
            </>
          ),
        },
        {
          header: 'File',
          cell: (b) => (
            <>
              <CellTitle text={b.file} className="font-mono text-[13px] font-normal" />
              <CellNote>
                <span className="font-mono">SHA-256 {b.sha256.slice(0, 16)}…</span>
              </CellNote>
              <NarrowOnly below="4xl" className="text-xs text-ink-muted tabular-nums">
                {formatBytes(b.bytes)} · {formatNumber(b.rows)} rows
              </NarrowOnly>
            </>
          ),
        },
        { header: 'Size', numeric: true, hideBelow: '4xl', className: 'whitespace-nowrap', cell: (b) => formatBytes(b.bytes) },
        {
          header: 'Contents',
          hideBelow: '4xl',
          cell: (b) => (
            <>
              <span className="tabular-nums">{formatNumber(b.rows)} rows</span>
              <CellNote>
                {b.tables} tables · schema {b.schemaVersion?.slice(0, 14) ?? 'none'}
              </CellNote>
            </>
          ),
        },
        { header: 'Offsite', cell: (b) => <OffsiteCell row={b} /> },
      ]}
    />
  )
}
