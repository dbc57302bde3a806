import { formatAuditSummary } from '@/lib/admin/audit-summary'
import { Icon } from '@/components/ui/icons'

/** "assignedTo" → "assigned to": a summary's field names as words. */
const fieldWords = (field: string) =>
  field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()

/**
 * A summary in one compact block: "role: ops → admin", one field a line. A value that is the id of a
 * person on the page (`people`) shows as their name.
 */
export function AuditSummary({ summary, people }: { summary: unknown; people?: ReadonlyMap<string, string> }) {
  const parts = formatAuditSummary(summary)
  if (parts.length === 0) return <span className="text-ink-faint">—</span>
  const named = (value: string) => people?.get(value) ?? value
  return (
    <ul className="space-y-0.5 text-xs">
      {parts.map((p) => (
        <li key={p.field} className="flex flex-wrap items-center gap-x-1 break-all">
          <span className="text-ink-muted">{fieldWords(p.field)}:</span>
          {p.kind === 'change' ? (
            <>
              <span className="sr-only">changed from</span>
              <span className="text-ink-muted line-through decoration-ink-faint">{named(p.from)}</span>
              <Icon name="chevron" size={12} className="text-ink-faint" />
              <span className="sr-only">to</span>
              <span className="font-medium text-ink">{named(p.to)}</span>
            </>
          ) : (
            <span className="text-ink">{named(p.value)}</span>
          )}
        </li>
      ))}
    </ul>
  )
}
