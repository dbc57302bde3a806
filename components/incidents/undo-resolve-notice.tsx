'use client'

import { useEffect, useState, useTransition } from 'react'
import type { FormState } from '@/lib/auth/guard'
import { undoResolveIncidentAction, type IncidentChangeData } from '@/lib/incidents/actions'
import { RESOLVE_UNDO_SECONDS } from '@/lib/incidents/undo'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icons'

export interface UndoResolveNoticeProps {
  incidentId: string
  number: number
  /** After the undo was answered (either way), e.g. to refresh the board. */
  onUndone: (result: FormState<IncidentChangeData>) => void
  /** The offer ran out or was dismissed. */
  onExpire: () => void
}

/**
 * "INC-42 resolved · Undo (9 s)": offered to the person who just resolved an incident, for
 * RESOLVE_UNDO_SECONDS. The server checks the same window (with a little slack) and who resolved it.
 */
export function UndoResolveNotice({ incidentId, number, onUndone, onExpire }: UndoResolveNoticeProps) {
  const [left, setLeft] = useState(RESOLVE_UNDO_SECONDS)
  const [pending, startTransition] = useTransition()
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const until = Date.now() + RESOLVE_UNDO_SECONDS * 1000
    const timer = setInterval(() => setLeft(Math.max(0, Math.ceil((until - Date.now()) / 1000))), 250)
    return () => clearInterval(timer)
  }, [])
  useEffect(() => {
    if (left === 0 && !pending && !error) onExpire()
  }, [left, pending, error, onExpire])

  function undo() {
    startTransition(async () => {
      const result = await undoResolveIncidentAction({ incidentId })
      if (!result.ok) setError(result.message ?? 'The resolution could not be undone.')
      onUndone(result)
    })
  }

  return (
    <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-ok-border bg-ok-bg px-3 py-2 text-sm text-ok-fg">
      <Icon name="check-circle" />
      <span className="font-medium">INC-{number} is resolved.</span>
      {error ? (
        <>
          <span className="text-critical-fg">{error}</span>
          <Button size="sm" variant="ghost" onClick={onExpire}>
            Dismiss
          </Button>
        </>
      ) : (
        <Button size="sm" loading={pending} disabled={left === 0} onClick={undo}>
          Undo<span className="text-ink-muted tabular-nums" aria-hidden="true"> ({left} s)</span>
        </Button>
      )}
    </div>
  )
}
