'use client'

import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { runJobNow } from '@/lib/jobs/actions'

type Feedback = { ok: boolean; message: string } | null

/** Runs a job in this request (it may take a while); the page refreshes with the new run when it ends. */
export function RunJobButton({ name }: { name: string }) {
  const [pending, startTransition] = useTransition()
  const [feedback, setFeedback] = useState<Feedback>(null)

  function run() {
    setFeedback(null)
    startTransition(async () => {
      try {
        const state = await runJobNow({ name })
        setFeedback({ ok: state.ok, message: state.message ?? (state.ok ? 'Done.' : 'The job could not be run.') })
      } catch {
        setFeedback({ ok: false, message: 'Wardroom could not be reached. Check your connection and try again.' })
      }
    })
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" variant="secondary" loading={pending} onClick={run} aria-label={`Run ${name} now`}>
        {pending ? 'Running…' : 'Run now'}
      </Button>
      <p aria-live="polite" className={feedback?.ok === false ? 'max-w-xs text-right text-xs text-critical-fg' : 'max-w-xs text-right text-xs text-ink-muted'}>
        {feedback?.message}
      </p>
    </div>
  )
}
