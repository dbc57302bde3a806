'use client'

import { useCallback, useState, useTransition } from 'react'
import { type IncidentStatus } from '@/lib/severity'
import { useQueryClient } from '@tanstack/react-query'
import type { FormState } from '@/lib/auth/guard'
import { acknowledgeIncidentAction, resolveIncidentAction, setIncidentStatusAction } from '@/lib/incidents/actions'
import { incidentKeys } from '@/lib/incidents/keys'

import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { ResolveDialog } from './resolve-dialog'
import { UndoResolveNotice } from './undo-resolve-notice'

const MOVES: Record<IncidentStatus, { to: IncidentStatus; label: string; primary?: boolean }[]> = {
  triggered: [
    { to: 'acknowledged', label: 'Acknowledge', primary: true },
    { to: 'investigating', label: 'Investigate' },
    { to: 'resolved', label: 'Resolve' },
  ],
  acknowledged: [
    { to: 'investigating', label: 'Investigate', primary: true },
    { to: 'resolved', label: 'Resolve' },
  ],
  investigating: [
    { to: 'resolved', label: 'Resolve', primary: true },
    { to: 'acknowledged', label: 'Back to acknowledged' },
  ],
  resolved: [{ to: 'triggered', label: 'Reopen' }],
}

export interface IncidentStatusButtonsProps {
  incidentId: string
  number: number
  title: string
  status: IncidentStatus
}

/**
 * The incident's status moves; the page refreshes from the server after each (revalidatePath). Resolving
 * asks for a note first and then offers an undo for a few seconds.
 */
export function IncidentStatusButtons({ incidentId, number, title, status }: IncidentStatusButtonsProps) {
  const queryClient = useQueryClient()
  const [state, setState] = useState<FormState<unknown> | null>(null)
  const [target, setTarget] = useState<IncidentStatus | null>(null)
  const [asking, setAsking] = useState(false)
  const [undoable, setUndoable] = useState(false)
  const [pending, startTransition] = useTransition()

  function move(to: IncidentStatus, note?: string) {
    setTarget(to)
    setUndoable(false)
    startTransition(async () => {
      const result =
        to === 'acknowledged' && status === 'triggered'
          ? await acknowledgeIncidentAction({ incidentId })
          : to === 'resolved'
            ? await resolveIncidentAction({ incidentId, reason: note })
            : await setIncidentStatusAction({ incidentId, status: to })
      setState(to === 'resolved' && result.ok ? null : result)
      if (to === 'resolved' && result.ok) setUndoable(true)
      await queryClient.invalidateQueries({ queryKey: incidentKeys.all })
    })
  }

  const onUndone = useCallback(
    (result: FormState<unknown>) => {
      if (result.ok) setUndoable(false)
      setState(result)
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all })
    },
    [queryClient],
  )
  const onExpire = useCallback(() => setUndoable(false), [])

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Change status">
        {MOVES[status].map((m) => (
          <Button
            key={m.to}
            variant={m.primary ? 'primary' : 'secondary'}
            loading={pending && target === m.to}
            disabled={pending}
            onClick={() => (m.to === 'resolved' ? setAsking(true) : move(m.to))}
          >
            {m.label}
          </Button>
        ))}
      </div>
      {undoable && status === 'resolved' && <UndoResolveNotice incidentId={incidentId} number={number} onUndone={onUndone} onExpire={onExpire} />}
      <FormMessage state={state} />
      <ResolveDialog
        incident={asking ? { number, title } : null}
        onCancel={() => setAsking(false)}
        onResolve={(note) => {
          setAsking(false)
          move('resolved', note)
        }}
      />
    </div>
  )
}
