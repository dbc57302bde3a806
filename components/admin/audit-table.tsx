import Link from 'next/link'
import type { AuditLogRow } from '@/lib/admin/queries'
import type { AuditNames } from '@/lib/admin/audit-names'
import { auditHref, type AuditFilterValues } from '@/lib/admin/audit-filter'
import { auditActionLabel, auditTargetTypeLabel } from '@/lib/admin/audit-words'
import { formatNumber } from '@/lib/format'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { DataTable, type Columns } from '@/components/ui/data-table'
import { AuditSummary } from './audit-summary'

export interface AuditTableProps {
  rows: AuditLogRow[]
  /** People's and records' names for the ids on this page (lib/admin/audit-names.ts). */
  names: AuditNames
  /** The current filter: actor, action and target links narrow it further. */
  values: AuditFilterValues
}

const linkClass = 'rounded-sm text-accent-fg underline-offset-2 hover:underline'

/** Ids are long (uuids); the start tells rows apart, the whole id is on hover and in the filter link. */
const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id)

/** Who acted, as a person reads it: a user's name (the e-mail under it), a key's name, a job's name. */
function actorName(r: AuditLogRow, names: AuditNames): { name: string; note?: string } {
  if (r.actorType === 'user') {
    const name = r.actorId ? names.people.get(r.actorId) : undefined
    return name && name !== r.actorLabel ? { name, note: r.actorLabel } : { name: r.actorLabel }
  }
  if (r.actorType === 'apikey') return { name: r.actorLabel.replace(/^key:/, '') }
  return { name: r.actorLabel }
}

export function AuditTable({ rows, names, values }: AuditTableProps) {
  const columns: Columns<AuditLogRow> = [
    { header: 'Time', cell: (r) => <RelativeTime date={r.at} className="text-ink-muted" /> },
    {
      header: 'Who',
      className: 'max-w-52',
      cell: (r) => {
        const actor = actorName(r, names)
        return (
          <>
            <Link
              href={auditHref({ ...values, actor: r.actorId ?? r.actorLabel })}
              className={`${linkClass} block truncate`}
              title={`Show only entries by ${actor.name}`}
            >
              {actor.name}
            </Link>
            {actor.note && <span className="block truncate text-xs text-ink-muted">{actor.note}</span>}
            {r.actorType !== 'user' && (
              <Badge tone={r.actorType === 'system' ? 'info' : 'neutral'} className="mt-0.5">
                {r.actorType === 'apikey' ? 'API key' : 'System'}
              </Badge>
            )}
          </>
        )
      },
    },
    {
      header: 'What happened',
      cell: (r) => (
        <Link href={auditHref({ ...values, action: r.action })} className={`${linkClass} whitespace-nowrap`} title={`Show only these entries (${r.action})`}>
          {auditActionLabel(r.action)}
        </Link>
      ),
    },
    {
      header: 'Target',
      className: 'max-w-60',
      cell: (r) => {
        if (!r.targetType) return <span className="text-ink-faint">—</span>
        const name = r.targetId ? names.targets.get(`${r.targetType}:${r.targetId}`) : undefined
        return (
          <>
            <span className="block text-xs text-ink-muted">{auditTargetTypeLabel(r.targetType)}</span>
            {r.targetId && (
              <Link
                href={auditHref({ ...values, targetType: r.targetType, targetId: r.targetId })}
                className={`${linkClass} block wrap-break-word ${name ? '' : 'font-mono text-xs'}`}
                title={`Show the history of this ${auditTargetTypeLabel(r.targetType).toLowerCase()} (${r.targetId})`}
              >
                {name ?? shortId(r.targetId)}
              </Link>
            )}
          </>
        )
      },
    },
    { header: 'Details', className: 'min-w-48', cell: (r) => <AuditSummary summary={r.summary} people={names.people} /> },
    {
      header: (
        <abbr title="Number of events this entry stands for (ingest is recorded per batch)" className="no-underline">
          Count
        </abbr>
      ),
      numeric: true,
      cell: (r) => formatNumber(r.count),
    },
  ]
  return <DataTable caption="Audit log entries, newest first" captionHidden columns={columns} rows={rows} rowKey={(r) => r.id} />
}
