import type { LastDelivery } from '@/lib/notifications/queries'
import { SpecBadge, type BadgeMap } from '@/components/ui/badge-map'
import { RelativeTime } from '@/components/ui/relative-time'

const OUTCOME: BadgeMap<'delivered' | 'dead' | 'retrying'> = {
  delivered: { label: 'Delivered', tone: 'ok', icon: 'check-circle' },
  dead: { label: 'Failed', tone: 'critical', icon: 'x-circle' },
  retrying: { label: 'Retrying', tone: 'at-risk', icon: 'clock' },
}

/** The outcome of a channel's most recent attempted message, in words and with its time (its queue: channel-queue.tsx). */
export function DeliveryStatus({ last }: { last: LastDelivery | null }) {
  if (!last) return <span className="text-sm text-ink-muted">Nothing sent yet</span>
  const badge = <SpecBadge spec={OUTCOME[last.status === 'delivered' || last.status === 'dead' ? last.status : 'retrying']} />
  return (
    <div className="space-y-0.5">
      <div className="flex flex-wrap items-center gap-2">
        {badge}
        <span className="text-xs text-ink-muted">
          {last.kind === 'test' ? 'test' : last.kind}, <RelativeTime date={last.deliveredAt ?? last.createdAt} />
          {last.attempts > 1 && ` · ${last.attempts} attempts`}
        </span>
      </div>
    </div>
  )
}
