import type { ChannelQueue as Queue } from '@/lib/notifications/queries'
import { RelativeTime } from '@/components/ui/relative-time'
import { DeliverNowButton } from './deliver-now-button'

export interface ChannelQueueProps {
  id: string
  name: string
  enabled: boolean
  queue: Queue
  /** Whether the channel's most recent attempt was delivered (an older error is then history). */
  lastDelivered: boolean
}

/** What waits for a channel: queued and retrying messages, the oldest one's age, the last error, "Deliver now". */
export function ChannelQueue({ id, name, enabled, queue, lastDelivered }: ChannelQueueProps) {
  const waiting = queue.queued + queue.retrying
  const error = queue.lastError && (waiting > 0 || !lastDelivered) ? queue.lastError : null
  return (
    <div className="min-w-44 space-y-1.5">
      {waiting === 0 ? (
        <p className="text-sm text-ink-muted">Nothing waiting</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
          <dt className="text-ink-muted">Queued</dt>
          <dd className="tabular-nums">{queue.queued}</dd>
          <dt className="text-ink-muted">Retrying</dt>
          <dd className="tabular-nums">{queue.retrying}</dd>
          <dt className="text-ink-muted">Oldest undelivered</dt>
          <dd>{queue.oldestAt ? <RelativeTime date={queue.oldestAt} /> : '—'}</dd>
        </dl>
      )}
      {error && (
        <p className="max-w-xs text-xs text-critical-fg">
          <span className="font-medium">Last error</span> <span className="text-ink-muted">(<RelativeTime date={error.at} />)</span>: {error.words}
        </p>
      )}
      {enabled && <DeliverNowButton id={id} name={name} waiting={waiting} />}
    </div>
  )
}
