import Link from 'next/link'
import type { ChangeRequestView } from '@/lib/flags/queries'
import { RelativeTime } from '@/components/ui/relative-time'
import { environmentLabel } from './labels'

/** Change requests across flags that wait for a second person, each linking to its flag's environment. */
export function PendingRequestsList({ requests, viewerId }: { requests: readonly ChangeRequestView[]; viewerId: string }) {
  return (
    <ul className="divide-y divide-line" aria-label="Change requests waiting for approval">
      {requests.map((r) => (
        <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-2 text-sm">
          <div className="min-w-0">
            <Link href={`/flags/${encodeURIComponent(r.flagKey)}?env=${r.environment}`} className="font-medium text-accent-fg hover:underline">
              {r.flagName}
            </Link>{' '}
            <span className="text-ink-muted">
              ({environmentLabel(r.environment).toLowerCase()}): {r.summary}
            </span>
          </div>
          <span className="text-xs text-ink-muted">
            {r.requestedBy?.id === viewerId ? 'your request' : `by ${r.requestedBy?.name ?? 'someone no longer here'}`} · <RelativeTime date={r.createdAt} />
          </span>
        </li>
      ))}
    </ul>
  )
}
