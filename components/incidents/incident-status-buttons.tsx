'use client'

import { useState, useTransition } from 'react'
import { type IncidentStatus } from '@/lib/severity'
import { useQueryClient } from '@tanstack/react-query'
import type { FormState } from '@/lib/auth/guard'
import { acknowledgeIncidentAction, resolveIncidentAction, setIncidentStatusAction } from '@/lib/incidents/actions'
import { incidentKeys } from '@/lib/incidents/keys'

import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'

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

/** The incident's status moves; the page refreshes from the server after each (revalidatePath). */
export function IncidentStatusButtons({ incidentId, status }: { incidentId: string; status: IncidentStatus }) {
  const queryClient = useQueryClient()
  const [state, setState] = useState<FormState<unknown> | null>(null)
  const [target, setTarget] = useState<IncidentStatus | null>(null)
  const [pending, startTransition] = useTransition()

  function move(to: IncidentStatus) {
    setTarget(to)
    startTransition(async () => {
      const result =
        to === 'acknowledged' && status === 'triggered'
          ? await acknowledgeIncidentAction({ incidentId })
          : to === 'resolved'
            ? await resolveIncidentAction({ incidentId })
            : await setIncidentStatusAction({ incidentId, status: to })
      setState(result)
      await queryClient.invalidateQueries({ queryKey: incidentKeys.all })
    })
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Change status">
        {MOVES[status].map((m) => (
          <Button key={m.to} variant={m.primary ? 'primary' : 'secondary'} loading={pending && target === m.to} disabled={pending} onClick={() => move(m.to)}>
            {m.label}
          </Button>
        ))}
      </div>
      <FormMessage state={state} />
    </div>
  )
}
