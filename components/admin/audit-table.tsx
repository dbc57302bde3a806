import Link from 'next/link'
import type { AuditLogRow } from '@/lib/admin/queries'
import { auditHref, type AuditFilterValues } from '@/lib/admin/audit-filter'
import { formatNumber } from '@/lib/format'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
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
  return (
    <Table caption="Audit log entries, newest first" captionHidden>
      <THead>
        <Tr>
          <Th>Time</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Summary</Th>
          <Th numeric>
            <abbr title="Number of events this entry stands for (ingest is recorded per batch)" className="no-underline">
              Count
            </abbr>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={r.id}>
            <Td>
              <RelativeTime date={r.at} className="text-ink-muted" />
            </Td>
            <Td className="max-w-52">
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
            </Td>
            <Td>
              <code className="font-mono text-xs whitespace-nowrap">{r.action}</code>
            </Td>
            <Td className="whitespace-nowrap">
              {r.targetType ? (
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
              )}
            </Td>
            <Td className="min-w-48">
              <AuditSummary summary={r.summary} />
            </Td>
            <Td numeric>{formatNumber(r.count)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}
