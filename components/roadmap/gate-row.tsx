'use client'

import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { setGateCheckAction } from '@/lib/roadmap/gate-actions'
import type { ChecklistGate } from '@/lib/roadmap/gate-summary'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { RelativeTime } from '@/components/ui/relative-time'
import { useActionForm } from '@/components/ui/use-action-form'

/** Done or open, in words and an icon (never colour alone). */
export function GateStateBadge({ done }: { done: boolean }) {
  return done ? (
    <Badge tone="ok" icon="check-circle">
      Done
    </Badge>
  ) : (
    <Badge tone="medium" icon="clock">
      Open
    </Badge>
  )
}

/** Who ticked the gate, when, and where its proof is. */
function CheckFacts({ check }: { check: NonNullable<ChecklistGate['check']> }) {
  if (!check.done) return null
  return (
    <p className="text-xs text-ink-muted">
      Done by {check.doneBy ?? 'someone'}
      {check.doneAt && (
        <>
          {' '}
          <RelativeTime date={check.doneAt} />
        </>
      )}
      {check.evidenceUrl && (
        <>
          {' · '}
          <a href={check.evidenceUrl} className="text-accent-fg underline" target="_blank" rel="noreferrer noopener">
            Evidence
          </a>
        </>
      )}
      {check.note && <span className="mt-1 block text-ink">{check.note}</span>}
    </p>
  )
}

/** One gate a person answers for: its state, and for editors the form that ticks or reopens it. */
export function GateRow({ itemId, gate, canEdit }: { itemId: string; gate: ChecklistGate; canEdit: boolean }) {
  const router = useRouter()
  const [evidenceUrl, setEvidenceUrl] = useState(gate.check?.evidenceUrl ?? '')
  const [note, setNote] = useState('')
  const { state, pending, run, errors } = useActionForm(setGateCheckAction)
  const headingId = `gate-${gate.gate}`

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run({ itemId, gate: gate.gate, done: !gate.done, evidenceUrl: gate.done ? (gate.check?.evidenceUrl ?? '') : evidenceUrl, note: gate.done ? '' : note }, () => router.refresh())
  }

  return (
    <li aria-labelledby={headingId} className="space-y-2 py-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p id={headingId} className="text-sm font-medium text-ink">
            {gate.label}
          </p>
          <p className="text-xs text-ink-muted">{gate.help}</p>
        </div>
        <GateStateBadge done={gate.done} />
      </div>
      {gate.check && <CheckFacts check={gate.check} />}
      {canEdit && (
        <form onSubmit={onSubmit} aria-label={`${gate.label}: ${gate.done ? 'reopen' : 'mark done'}`} className="flex flex-wrap items-end gap-2">
          {!gate.done && (
            <>
              <InputField
                label="Evidence link"
                name="evidenceUrl"
                type="url"
                placeholder="https://…"
                value={evidenceUrl}
                onChange={(e) => setEvidenceUrl(e.target.value)}
                error={errors.evidenceUrl}
                className="min-w-56 flex-1"
                aria-label={`Evidence link for ${gate.label}`}
              />
              <InputField label="Note" name="note" value={note} onChange={(e) => setNote(e.target.value)} error={errors.note} className="min-w-40 flex-1" aria-label={`Note for ${gate.label}`} />
            </>
          )}
          <Button type="submit" size="sm" variant={gate.done ? 'ghost' : 'secondary'} loading={pending} aria-label={gate.done ? `Reopen ${gate.label}` : `Mark ${gate.label} done`}>
            {gate.done ? 'Reopen' : 'Mark done'}
          </Button>
          <FormMessage state={state} className="basis-full" />
        </form>
      )}
    </li>
  )
}
