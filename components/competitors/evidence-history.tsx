import type { CompetitorEvidence } from '@/lib/generated/prisma/client'
import { CellNote, DataTable, type Column } from '@/components/ui/data-table'
import { Badge } from '@/components/ui/badge'
import { CapabilityStatusBadge } from './status-badge'

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

export type EvidenceRow = Pick<CompetitorEvidence, 'id' | 'status' | 'previous' | 'confidence' | 'sourceUrl' | 'sourceTitle' | 'observedAt' | 'note' | 'recordedBy' | 'recordedAt' | 'kind'> & {
  capability?: { key: string; name: string } | null
}

/** Evidence, newest source first: what it showed (and what changed), the source, how sure, who recorded it. */
export function EvidenceHistory({ rows, caption, showCapability = false }: { rows: readonly EvidenceRow[]; caption: string; showCapability?: boolean }) {
  const columns: Column<EvidenceRow>[] = [
    { header: 'Source date', className: 'whitespace-nowrap tabular-nums', cell: (e) => day.format(e.observedAt) },
    ...(showCapability ? [{ header: 'Capability', cell: (e: EvidenceRow) => e.capability?.name ?? (e.kind === 'cell' ? 'Removed capability' : e.kind) }] : []),
    {
      header: 'Shows',
      cell: (e) =>
        e.status ? (
          <span className="flex flex-wrap items-center gap-1">
            {e.previous && e.previous !== e.status && (
              <>
                <CapabilityStatusBadge status={e.previous} />
                <span aria-label="then">→</span>
              </>
            )}
            <CapabilityStatusBadge status={e.status} />
          </span>
        ) : (
          <Badge>{e.kind}</Badge>
        ),
    },
    {
      header: 'Source',
      className: 'min-w-56',
      cell: (e) => (
        <>
          {e.sourceUrl ? (
            <a href={e.sourceUrl} rel="noopener noreferrer nofollow" target="_blank" className="font-medium break-all text-ink hover:underline">
              {e.sourceTitle || e.sourceUrl}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          ) : (
            <span className="font-medium text-ink">{e.sourceTitle}</span>
          )}
          {e.note && <CellNote>{e.note}</CellNote>}
        </>
      ),
    },
    { header: 'Confidence', cell: (e) => e.confidence },
    {
      header: 'Recorded',
      cell: (e) => (
        <>
          <span className="block">{e.recordedBy || 'unknown'}</span>
          <CellNote>{day.format(e.recordedAt)}</CellNote>
        </>
      ),
    },
  ]
  return <DataTable caption={caption} captionHidden columns={columns} rows={rows} rowKey={(e) => e.id} />
}
