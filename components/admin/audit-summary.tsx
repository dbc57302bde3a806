import { formatAuditSummary } from '@/lib/admin/audit-summary'
import { Icon } from '@/components/ui/icons'

/** A summary in one compact block: "role: ops → admin", one field a line. */
export function AuditSummary({ summary }: { summary: unknown }) {
  const parts = formatAuditSummary(summary)
  if (parts.length === 0) return <span className="text-ink-faint">—</span>
  return (
    <ul className="space-y-0.5 text-xs">
      {parts.map((p) => (
        <li key={p.field} className="flex flex-wrap items-center gap-x-1 break-all">
          <span className="text-ink-muted">{p.field}:</span>
          {p.kind === 'change' ? (
            <>
              <span className="sr-only">changed from</span>
              <span className="text-ink-muted line-through decoration-ink-faint">{p.from}</span>
              <Icon name="chevron" size={12} className="text-ink-faint" />
              <span className="sr-only">to</span>
              <span className="font-medium text-ink">{p.to}</span>
            </>
          ) : (
            <span className="text-ink">{p.value}</span>
          )}
        </li>
      ))}
    </ul>
  )
}
