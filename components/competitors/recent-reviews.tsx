import Link from 'next/link'
import type { RecentReview } from '@/lib/competitors/watch-queries'
import { Badge } from '@/components/ui/badge'
import { CellNote, DataTable, type Column } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'

const AS: Record<string, string> = { cell: 'into a cell', price: 'as a price', swot: 'as a SWOT item' }

/** Reviewed changes, newest first: what became of each, who decided, when. */
export function RecentReviews({ rows }: { rows: readonly RecentReview[] }) {
  const columns: Column<RecentReview>[] = [
    {
      header: 'Change',
      cell: (r) => (
        <>
          <span className="block font-medium text-ink">
            {r.source.competitor.name} · {r.source.label}
          </span>
          <CellNote>{r.summary}</CellNote>
        </>
      ),
    },
    {
      header: 'Outcome',
      cell: (r) =>
        r.status === 'accepted' ? (
          <span className="flex flex-wrap items-center gap-1">
            <Badge tone="ok" icon="check">
              Accepted {AS[r.acceptedAs ?? ''] ?? ''}
            </Badge>
            {r.capability && (
              <Link className="text-accent-fg hover:underline" href={`/competitors/cells/${encodeURIComponent(r.source.competitor.key)}/${encodeURIComponent(r.capability.key)}`}>
                {r.capability.name}
              </Link>
            )}
          </span>
        ) : (
          <>
            <Badge>Dismissed</Badge>
            {r.reason && <CellNote>{r.reason}</CellNote>}
          </>
        ),
    },
    { header: 'Reviewed', cell: (r) => <>{r.reviewedBy ?? 'unknown'}{r.reviewedAt && <CellNote><RelativeTime date={r.reviewedAt} /></CellNote>}</> },
  ]
  return <DataTable caption="Recently reviewed changes" captionHidden columns={columns} rows={rows} rowKey={(r) => r.id} />
}
