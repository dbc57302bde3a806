'use client'

import { useState, useTransition } from 'react'
import { deliverChannelNowAction } from '@/lib/notifications/actions'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/cn'

type Outcome = { ok: boolean; message?: string }

const UNREACHABLE: Outcome = { ok: false, message: 'Wardroom could not be reached. Check your connection and try again.' }

/**
 * "Deliver now": sends every message waiting for the channel at once, in order, instead of at their next
 * retry; what happened is shown under the button. Rendered for every enabled channel, so that message
 * survives the refresh that empties the queue.
 */
export function DeliverNowButton({ id, name, waiting }: { id: string; name: string; waiting: number }) {
  const [result, setResult] = useState<Outcome | null>(null)
  const [pending, start] = useTransition()

  const deliver = () =>
    start(async () => {
      try {
        setResult(await deliverChannelNowAction({ id }))
      } catch {
        setResult(UNREACHABLE)
      }
    })

  // Nothing to send: no button. What the last press did stays shown after the page refreshes its figures.
  if (waiting === 0 && !pending && !result) return null
  return (
    <div className="flex flex-col items-start gap-1">
      {(waiting > 0 || pending) && (
        <Button size="sm" loading={pending} onClick={deliver}>
          {pending ? 'Delivering…' : 'Deliver now'}
          <span className="sr-only"> to {name}</span>
        </Button>
      )}
      <p aria-live="polite" className={cn('max-w-xs text-xs', result && !result.ok ? 'font-medium text-critical-fg' : 'text-ink-muted')}>
        {result?.message}
      </p>
    </div>
  )
}
