import type { RelatedChange } from '@/lib/incidents/board-queries'
import { EmptyState } from '@/components/ui/empty-state'
import { RelativeTime } from '@/components/ui/relative-time'
import { describeChange } from './timeline-text'

/** Safe summary values (audit summaries are PHI-free by construction): scalars only, briefly. */
function summaryText(summary: Record<string, unknown> | null): string | null {
  if (!summary) return null
  const parts = Object.entries(summary)
    .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
    .slice(0, 6)
    .map(([k, v]) => `${k}: ${String(v)}`)
  return parts.length ? parts.join(' · ') : null
}

/** Changes made in Wardroom to the affected service in the two hours before the incident opened. */
export function WhatChanged({ service, changes }: { service: { name: string } | null; changes: RelatedChange[] }) {
  if (!service) {
    return (
      <EmptyState title="No service" icon="search">
        This incident is not linked to a service, so there is nothing to compare against.
      </EmptyState>
    )
  }
  if (changes.length === 0) {
    return (
      <EmptyState title={`No changes recorded to ${service.name} in the 2 hours before`} icon="search">
        Wardroom records changes to the service, its health probes and maintenance windows, and to the feature flags that guard its
        service levels. Changes made outside Wardroom, such as deployments, are not seen here.
      </EmptyState>
    )
  }
  return (
    <ul className="divide-y divide-line">
      {changes.map((c) => (
        <li key={c.id} className="py-2 first:pt-0 last:pb-0">
          <p className="text-sm font-medium text-ink">{describeChange(c.action, c.targetType)}</p>
          <p className="text-xs text-ink-muted">
            <code className="font-mono">{c.action}</code> by {c.actor} · <RelativeTime date={c.at} />
          </p>
          {summaryText(c.summary) && <p className="mt-0.5 text-xs break-words text-ink-muted">{summaryText(c.summary)}</p>}
        </li>
      ))}
    </ul>
  )
}
