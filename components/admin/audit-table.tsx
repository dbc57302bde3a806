import Link from 'next/link'
import type { AuditLogRow } from '@/lib/admin/queries'
import { auditHref, type AuditFilterValues } from '@/lib/admin/audit-filter'
import { formatNumber } from '@/lib/format'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { DataTable, type Columns } from '@/components/ui/data-table'
import { AuditSummary } from './audit-summary'

export interface AuditTableProps {
  rows: AuditLogRow[]
  /** The current filter: actor and target links narrow it further. */
  values: AuditFilterValues
}

const linkClass = 'rounded-sm text-accent-fg underline-offset-2 hover:underline'

/** Ids are long (uuids); the start tells rows apart, the whole id is on hover and in the filter link. */
const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id)

export function AuditTable({ rows, values }: AuditTableProps) {
  const columns: Columns<AuditLogRow> = [
    { header: 'Time', cell: (r) => <RelativeTime date={r.at} className="text-ink-muted" /> },
    {
      header: 'Actor',
      className: 'max-w-52',
      cell: (r) => (
        <>
          <Link
            href={auditHref({ ...values, actor: r.actorId ?? r.actorLabel })}
            className={`${linkClass} block truncate`}
            title={`Show only entries by ${r.actorLabel}`}
          >
            {r.actorLabel}
          </Link>
          {r.actorType !== 'user' && (
            <Badge tone={r.actorType === 'system' ? 'info' : 'neutral'} className="mt-0.5">
              {r.actorType === 'apikey' ? 'API key' : 'System'}
            </Badge>
          )}
        </>
      ),
    },
    { header: 'Action', cell: (r) => <code className="font-mono text-xs whitespace-nowrap">{r.action}</code> },
    {
      header: 'Target',
      className: 'whitespace-nowrap',
      cell: (r) =>
        r.targetType ? (
          <>
            <span className="text-ink-muted">{r.targetType}</span>
            {r.targetId && (
              <Link
                href={auditHref({ ...values, targetType: r.targetType, targetId: r.targetId })}
                className={`${linkClass} ml-1 font-mono text-xs`}
                title={`Show the history of ${r.targetType} ${r.targetId}`}
              >
                {shortId(r.targetId)}
              </Link>
            )}
          </>
        ) : (
          <span className="text-ink-faint">—</span>
        ),
    },
    { header: 'Summary', className: 'min-w-48', cell: (r) => <AuditSummary summary={r.summary} /> },
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
