import Link from 'next/link'
import type { SecurityEventRow } from '@/lib/security/queries'
import { isSecurityRule, SECURITY_RULE_LABELS } from '@/lib/security/settings'
import { formatNumber } from '@/lib/format'
import type { Severity } from '@/lib/severity'
import { CellNote, DataTable, NarrowOnly } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'
import { SeverityBadge } from '@/components/ui/severity-badge'

const SUBJECT_WORDS: Record<string, string> = {
  account: 'Account',
  address: 'Address',
  global: 'All accounts',
  apikey: 'API key',
  audit: 'Audit trail',
  user: 'Administrator',
}

const ruleLabel = (rule: string) => (isSecurityRule(rule) ? SECURITY_RULE_LABELS[rule] : rule)

/** The security events, newest first: what, about whom, how often, when, and the incident it raised. */
export function SecurityEventTable({ events }: { events: SecurityEventRow[] }) {
  return (
    <DataTable
      caption="Security events, newest first"
      captionHidden
      rows={events}
      rowKey={(e) => e.id}
      columns={[
        { header: 'Severity', cell: (e) => <SeverityBadge severity={e.severity as Severity} /> },
        {
          header: 'Event',
          cell: (e) => (
            <>
              <span className="font-medium text-ink">{ruleLabel(e.rule)}</span>
              <CellNote>{e.summary}</CellNote>
              <NarrowOnly below="4xl" className="text-xs text-ink-muted">
                {SUBJECT_WORDS[e.subjectType] ?? e.subjectType}: {e.subjectLabel} · <RelativeTime date={e.detectedAt} />
              </NarrowOnly>
            </>
          ),
        },
        {
          header: 'Subject',
          hideBelow: '4xl',
          cell: (e) => (
            <>
              <span className="text-xs text-ink-muted">{SUBJECT_WORDS[e.subjectType] ?? e.subjectType}</span>
              <span className="block min-w-52 wrap-anywhere font-mono text-sm">{e.subjectLabel}</span>
            </>
          ),
        },
        { header: 'Count', numeric: true, cell: (e) => formatNumber(e.count) },
        {
          header: 'Seen',
          hideBelow: '4xl',
          cell: (e) => (
            <span className="text-sm">
              <RelativeTime date={e.lastSeenAt} />
              {e.firstSeenAt.getTime() !== e.lastSeenAt.getTime() && (
                <CellNote>
                  first <RelativeTime date={e.firstSeenAt} />
                </CellNote>
              )}
            </span>
          ),
        },
        {
          header: 'Incident',
          cell: (e) =>
            e.incidentId ? (
              <Link href={`/incidents/${e.incidentId}`} className="text-accent-fg hover:underline">
                {e.incidentNumber ? `INC-${e.incidentNumber}` : 'Open incident'}
              </Link>
            ) : (
              <span className="text-ink-muted">none</span>
            ),
        },
      ]}
    />
  )
}
