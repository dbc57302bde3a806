'use client'

import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/cn'

type Feedback = { ok: boolean; message: string } | null

export interface RunActionButtonProps {
  /** The server action; its form state's message is shown beside the button. */
  run: () => Promise<{ ok: boolean; message?: string }>
  label: string
  pendingLabel: string
  /** Shown when the action answers without a message. */
  doneMessage: string
  failedMessage: string
  ariaLabel?: string
  /** Buttons in a table's last column align right; standalone ones left. */
  align?: 'start' | 'end'
}

/**
 * A button that runs a long server action in this request (a job, a restore drill) and says how it went,
 * politely announced; the page refreshes with the action's record when it ends.
 */
export function RunActionButton({ run, label, pendingLabel, doneMessage, failedMessage, ariaLabel, align = 'end' }: RunActionButtonProps) {
  const [pending, startTransition] = useTransition()
  const [feedback, setFeedback] = useState<Feedback>(null)

  function onClick() {
    setFeedback(null)
    startTransition(async () => {
      try {
        const state = await run()
        setFeedback({ ok: state.ok, message: state.message ?? (state.ok ? doneMessage : failedMessage) })
      } catch {
        setFeedback({ ok: false, message: 'Wardroom could not be reached. Check your connection and try again.' })
      }
    })
  }

  const end = align === 'end'
  return (
    <div className={cn('flex flex-col gap-1', end ? 'items-end' : 'items-start')}>
      <Button size="sm" variant="secondary" loading={pending} onClick={onClick} aria-label={ariaLabel}>
        {pending ? pendingLabel : label}
      </Button>
      <p
        role="status"
        aria-live="polite"
        className={cn('text-xs', end ? 'max-w-xs text-right' : 'max-w-md', feedback?.ok === false ? 'text-critical-fg' : 'text-ink-muted')}
      >
        {feedback?.message}
      </p>
    </div>
  )
}
