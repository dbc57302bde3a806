'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { moveItemAction } from '@/lib/roadmap/actions'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icons'

type Outcome = { ok: boolean; message: string } | null

/**
 * Moves the item to "released" (the board's move command, which checks every gate in its transaction).
 * A refusal names the open gates as an alert; a release is announced politely and the page refreshes.
 */
export function ReleaseButton({ id, version, blocked }: { id: string; version: number; blocked: boolean }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [outcome, setOutcome] = useState<Outcome>(null)

  function release() {
    setOutcome(null)
    startTransition(async () => {
      try {
        const r = await moveItemAction({ id, version, stage: 'released', position: 0 })
        setOutcome({ ok: r.ok, message: r.message ?? (r.ok ? 'Released.' : 'The item could not be released.') })
        if (r.ok) router.refresh()
      } catch {
        setOutcome({ ok: false, message: 'Wardroom could not be reached. Check your connection and try again.' })
      }
    })
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" loading={pending} onClick={release}>
          Release
        </Button>
        <p className="text-xs text-ink-muted">{blocked ? 'Open gates refuse the release; it names them.' : 'Every gate is complete.'}</p>
      </div>
      {outcome && !outcome.ok && (
        <p role="alert" className="flex items-start gap-2 rounded-md border border-critical-border bg-critical-bg px-3 py-2 text-sm text-critical-fg">
          <Icon name="alert-octagon" size={16} className="mt-0.5 shrink-0" />
          <span>{outcome.message}</span>
        </p>
      )}
      <p role="status" className="text-sm text-ok-fg">
        {outcome?.ok ? outcome.message : ''}
      </p>
    </div>
  )
}
