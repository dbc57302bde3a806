import Link from 'next/link'
import type { CatalogueRow } from '@/lib/services/queries'
import { Badge } from '@/components/ui/badge'
import { CellNote, DataTable, DIMMED_ROW } from '@/components/ui/data-table'
import { StatusBadge } from '@/components/ui/status-badge'
import { TierBadge } from './tier-badge'

/** The catalogue: one row per service, with what an operator scans for first (open incidents, SLO status). */
export function ServiceTable({ services, showSlo }: { services: readonly CatalogueRow[]; showSlo: boolean }) {
  return (
    <DataTable
      caption="Services in the catalogue"
      captionHidden
      rows={services}
      rowKey={(s) => s.id}
      rowClassName={(s) => (s.archived ? DIMMED_ROW : undefined)}
      columns={[
        {
          header: 'Service',
          cell: (s) => (
            <>
              <Link href={`/services/${encodeURIComponent(s.key)}`} className="font-medium text-accent-fg hover:underline">
                {s.name}
              </Link>
              <CellNote>
                <span className="font-mono">{s.key}</span>
                {s.archived && (
                  <Badge tone="neutral" icon="minus" className="ml-2">
                    Archived
                  </Badge>
                )}
              </CellNote>
            </>
          ),
        },
        { header: 'Tier', cell: (s) => <TierBadge tier={s.tier} /> },
        { header: 'Owner', cell: (s) => (s.ownerTeam ? s.ownerTeam : <span className="text-ink-muted">Not set</span>) },
        {
          header: 'Open incidents',
          numeric: true,
          cell: (s) =>
            s.openIncidents > 0 ? (
              <Link href={`/incidents?service=${encodeURIComponent(s.key)}`} className="font-semibold text-critical-fg hover:underline">
                {s.openIncidents}
              </Link>
            ) : (
              <span className="text-ink-muted">0</span>
            ),
        },
        showSlo && {
          header: 'SLO status',
          cell: (s) =>
            s.sloStatus ? (
              <span className="inline-flex items-center gap-1.5">
                <StatusBadge status={s.sloStatus} />
                <span className="text-xs text-ink-muted">
                  {s.sloCount} SLO{s.sloCount === 1 ? '' : 's'}
                </span>
              </span>
            ) : (
              <span className="text-ink-muted">No SLOs</span>
            ),
        },
        {
          header: 'Depends on',
          cell: (s) =>
            s.dependsOn.length ? (
              <span className="text-sm">
                {s.dependsOn.map((d, i) => (
                  <span key={d.key}>
                    {i > 0 && ', '}
                    <Link href={`/services/${encodeURIComponent(d.key)}`} className="hover:underline">
                      {d.name}
                    </Link>
                  </span>
                ))}
              </span>
            ) : (
              <span className="text-ink-muted">Nothing</span>
            ),
        },
      ]}
    />
  )
}
