'use client'

import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { runRestoreDrillNow } from '@/lib/jobs/actions'

type Feedback = { ok: boolean; message: string } | null

/**
 * Runs a restore drill of the newest backup in this request (seconds on a small database, longer on a large
 * one); the page then refreshes with the drill's record. The drill never touches the live database.
 */
export function RunDrillButton() {
  const [pending, startTransition] = useTransition()
  const [feedback, setFeedback] = useState<Feedback>(null)

  function run() {
    setFeedback(null)
    startTransition(async () => {
      try {
        const state = await runRestoreDrillNow({})
        setFeedback({ ok: state.ok, message: state.message ?? (state.ok ? 'Drill finished.' : 'The drill could not be run.') })
      } catch {
        setFeedback({ ok: false, message: 'Wardroom could not be reached. Check your connection and try again.' })
      }
    })
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <Button size="sm" variant="secondary" loading={pending} onClick={run}>
        {pending ? 'Restoring into a scratch database…' : 'Run restore drill now'}
      </Button>
      <p role="status" aria-live="polite" className={feedback?.ok === false ? 'max-w-md text-xs text-critical-fg' : 'max-w-md text-xs text-ink-muted'}>
        {feedback?.message}
      </p>
    </div>
  )
}
