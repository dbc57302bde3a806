import Link from 'next/link'
import type { MatrixGap } from '@/lib/competitors/matrix'
import { CAPABILITY_GROUP_LABELS } from '@/lib/competitors/schema'
import { formatNumber } from '@/lib/format'
import { CellNote, CellTitle, DataTable, type Column } from '@/components/ui/data-table'
import { SeverityBadge } from '@/components/ui/severity-badge'
import { cellHref } from './matrix-table'

/** Where competitors lead us, most threatening first: the capability, who, by how much, and why. */
export function GapsTable({ gaps }: { gaps: readonly MatrixGap[] }) {
  const columns: Column<MatrixGap>[] = [
    { header: 'Threat', cell: (g) => <SeverityBadge severity={g.threat.level} /> },
    {
      header: 'Capability',
      className: 'min-w-52',
      cell: (g) => (
        <>
          <CellTitle text={g.capability.name} />
          <CellNote>
            {CAPABILITY_GROUP_LABELS[g.capability.group]} · importance {g.capability.weight}/5
          </CellNote>
        </>
      ),
    },
    {
      header: 'Leads us',
      cell: (g) => (
        <Link href={cellHref(g.competitor.key, g.capability.key)} className="font-medium text-ink hover:underline">
          {g.competitor.name}
        </Link>
      ),
    },
    { header: 'Score', numeric: true, cell: (g) => formatNumber(g.threat.score, { digits: 2 }) },
    { header: 'Why', className: 'min-w-80', cell: (g) => <span className="text-xs text-ink-muted">{g.threat.explanation}</span> },
  ]
  return <DataTable caption="Capabilities where competitors lead" captionHidden columns={columns} rows={gaps} rowKey={(g) => `${g.competitor.id}:${g.capability.id}`} />
}
