import Link from 'next/link'
import type { ThreatLinkRow } from '@/lib/competitors/queries'
import { formatNumber } from '@/lib/format'
import { Badge } from '@/components/ui/badge'
import { CellNote, CellTitle, DataTable, type Column } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'
import { cellHref } from './matrix-table'

/** The roadmap links high threats asked for: which capability, who leads, the evidence, and whether the roadmap took it. */
export function ThreatLinks({ links }: { links: readonly ThreatLinkRow[] }) {
  const columns: Column<ThreatLinkRow>[] = [
    { header: 'Capability', className: 'min-w-48', cell: (l) => <CellTitle text={l.capability.name} /> },
    {
      header: 'Led by',
      cell: (l) => (
        <ul className="space-y-0.5">
          {l.competitors.map((c) => (
            <li key={c.key}>
              <Link href={cellHref(c.key, l.capability.key)} className="hover:underline">
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      ),
    },
    { header: 'Score', numeric: true, cell: (l) => formatNumber(l.score, { digits: 2 }) },
    {
      header: 'Roadmap item',
      cell: (l) =>
        l.roadmapItemId ? (
          <Link href={`/roadmap/${l.roadmapItemId}`} className="hover:underline">
            <Badge tone="ok" icon="check-circle">
              Linked
            </Badge>
            <span className="sr-only"> to its roadmap item</span>
          </Link>
        ) : (
          <>
            <Badge tone="accent" icon="clock">
              Item on its way
            </Badge>
            <CellNote>
              The roadmap-threats job creates it within 15 minutes; {l.evidenceCount} piece{l.evidenceCount === 1 ? '' : 's'} of evidence attached
            </CellNote>
          </>
        ),
    },
    { header: 'Recorded', cell: (l) => <RelativeTime date={l.updatedAt} /> },
  ]
  return <DataTable caption="Roadmap links from high threats" captionHidden columns={columns} rows={links} rowKey={(l) => l.id} />
}
