'use client'

import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { addWatchSourceAction, removeWatchSourceAction, setWatchSourceActiveAction } from '@/lib/competitors/watch-actions'
import { WATCH_KIND_LABELS, WATCH_KINDS } from '@/lib/competitors/watch-schema'
import { Button } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'

/** Pauses or resumes a source (undoable, so it does not ask). */
export function PauseWatchSource({ sourceId, label, active }: { sourceId: string; label: string; active: boolean }) {
  const router = useRouter()
  const { state, pending, run } = useActionForm(setWatchSourceActiveAction)
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button size="sm" loading={pending} aria-label={`${active ? 'Pause' : 'Resume'} ${label}`} onClick={() => run({ sourceId, active: !active }, () => router.refresh())}>
        {active ? 'Pause' : 'Resume'}
      </Button>
      {state && !state.ok && <FormMessage state={state} />}
    </span>
  )
}

/** Removes a watched source, asking once (its pending changes go with it; accepted evidence stays). */
export function RemoveWatchSource({ sourceId, label, pending }: { sourceId: string; label: string; pending: number }) {
  const router = useRouter()
  return (
    <ConfirmButton
      size="sm"
      title={`Stop watching “${label}”?`}
      description={`Its snapshot${pending > 0 ? ` and ${pending} change${pending === 1 ? '' : 's'} waiting for review` : ''} are removed; evidence already accepted from it stays. The removal is audited.`}
      confirmLabel="Remove"
      confirmAction={async () => {
        const r = await removeWatchSourceAction({ sourceId })
        if (r.ok) router.refresh()
        return r
      }}
    >
      Remove
    </ConfirmButton>
  )
}

/** Adds a page or feed of a competitor to the daily watch. */
export function AddWatchSourceForm({ competitors }: { competitors: readonly { id: string; name: string }[] }) {
  const router = useRouter()
  const [f, setF] = useState({ competitorId: '', kind: 'page', url: '', label: '' })
  const { state, pending, run, errors } = useActionForm(addWatchSourceAction)
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((v) => ({ ...v, [k]: e.target.value }))
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run(f, () => {
      setF((v) => ({ ...v, url: '', label: '' }))
      router.refresh()
    })
  }
  return (
    <form onSubmit={onSubmit} aria-label="Add a watched source" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField label="Competitor" name="competitorId" required value={f.competitorId} onChange={set('competitorId')} error={errors.competitorId}>
          <option value="">Choose…</option>
          {competitors.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Kind" name="kind" value={f.kind} onChange={set('kind')} error={errors.kind}>
          {WATCH_KINDS.map((k) => (
            <option key={k} value={k}>
              {WATCH_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <InputField label="Address" name="url" type="url" inputMode="url" placeholder="https://" required value={f.url} onChange={set('url')} error={errors.url} />
        <InputField label="Label" name="label" maxLength={120} value={f.label} onChange={set('label')} error={errors.label} hint="E.g. “Release notes”." />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Adding…">
          Add source
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  )
}
