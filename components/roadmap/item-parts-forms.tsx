'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { addRiskAction, removeRiskAction, setDependencyAction } from '@/lib/roadmap/actions'
import { itemRef, STAGE_LABELS, type Stage } from '@/lib/roadmap/model'
import { RISK_SEVERITIES } from '@/lib/roadmap/schema'
import { Button } from '@/components/ui/button'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'

interface ItemRefRow {
  id: string
  number: number
  title: string
  stage: Stage
}

/** What this item needs first, with a form to add or remove one (loops are refused by the command, named). */
export function DependenciesEditor({ id, version, dependsOn, dependents, choices, canEdit }: { id: string; version: number; dependsOn: ItemRefRow[]; dependents: ItemRefRow[]; choices: { id: string; number: number; title: string }[]; canEdit: boolean }) {
  const router = useRouter()
  const [target, setTarget] = useState('')
  const { state, pending, run, errors } = useActionForm(setDependencyAction)
  const available = choices.filter((c) => !dependsOn.some((d) => d.id === c.id))
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run({ id, version, dependsOnId: target }, () => {
      setTarget('')
      router.refresh()
    })
  }
  const row = (d: ItemRefRow, removable: boolean) => (
    <li key={d.id} className="flex flex-wrap items-center gap-2 text-sm">
      <Link href={`/roadmap/${d.id}`} className="font-medium text-ink hover:underline">
        {itemRef(d.number)} {d.title}
      </Link>
      <span className="text-ink-muted">· {STAGE_LABELS[d.stage]}</span>
      {removable && canEdit && (
        <Button type="button" size="sm" variant="ghost" disabled={pending} onClick={() => run({ id, version, dependsOnId: d.id, remove: true }, () => router.refresh())} aria-label={`Remove the dependency on ${itemRef(d.number)}`}>
          Remove
        </Button>
      )}
    </li>
  )
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <h3 className="text-sm font-medium text-ink">Needs first</h3>
          {dependsOn.length === 0 ? <p className="mt-1 text-sm text-ink-muted">Nothing: it can start on its own.</p> : <ul className="mt-1 space-y-1">{dependsOn.map((d) => row(d, true))}</ul>}
        </div>
        <div>
          <h3 className="text-sm font-medium text-ink">Needed by</h3>
          {dependents.length === 0 ? <p className="mt-1 text-sm text-ink-muted">No other item waits for this one.</p> : <ul className="mt-1 space-y-1">{dependents.map((d) => row(d, false))}</ul>}
        </div>
      </div>
      {canEdit && (
        <form onSubmit={onSubmit} aria-label="Add a dependency" className="flex flex-wrap items-end gap-3">
          <SelectField label="Depends on" name="dependsOnId" value={target} onChange={(e) => setTarget(e.target.value)} error={errors.dependsOnId} required>
            <option value="" disabled>
              Choose an item
            </option>
            {available.map((c) => (
              <option key={c.id} value={c.id}>
                {itemRef(c.number)} {c.title}
              </option>
            ))}
          </SelectField>
          <SubmitButton pending={pending} pendingLabel="Adding…" disabled={!target}>
            Add dependency
          </SubmitButton>
        </form>
      )}
      <FormMessage state={state} />
    </div>
  )
}

interface RiskRow {
  id: string
  description: string
  mitigation: string
  severity: string
}

const EMPTY_RISK = { description: '', mitigation: '', severity: 'medium' }

/** The item's risks with their mitigations, and a form to add one. */
export function RisksEditor({ id, version, risks, canEdit }: { id: string; version: number; risks: RiskRow[]; canEdit: boolean }) {
  const router = useRouter()
  const [v, setV] = useState(EMPTY_RISK)
  const { state, pending, run, errors } = useActionForm(addRiskAction)
  const remove = useActionForm(removeRiskAction)
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run({ id, version, ...v }, () => {
      setV(EMPTY_RISK)
      router.refresh()
    })
  }
  return (
    <div className="space-y-4">
      {risks.length === 0 ? (
        <p className="text-sm text-ink-muted">No risks recorded.</p>
      ) : (
        <ul className="divide-y divide-line rounded-md border border-line">
          {risks.map((r) => (
            <li key={r.id} className="flex flex-wrap items-start justify-between gap-2 px-3 py-2 text-sm">
              <div>
                <p className="text-ink">
                  <span className="font-medium capitalize">{r.severity}</span>: {r.description}
                </p>
                <p className="text-ink-muted">Mitigation: {r.mitigation || 'none recorded'}</p>
              </div>
              {canEdit && (
                <Button type="button" size="sm" variant="ghost" disabled={remove.pending} onClick={() => remove.run({ id, version, riskId: r.id }, () => router.refresh())} aria-label={`Remove the risk “${r.description}”`}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form onSubmit={onSubmit} aria-label="Add a risk" className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-end">
          <InputField label="Risk" name="description" required maxLength={500} value={v.description} onChange={(e) => setV((x) => ({ ...x, description: e.target.value }))} error={errors.description} />
          <InputField label="Mitigation" name="mitigation" maxLength={500} value={v.mitigation} onChange={(e) => setV((x) => ({ ...x, mitigation: e.target.value }))} error={errors.mitigation} />
          <SelectField label="Severity" name="severity" value={v.severity} onChange={(e) => setV((x) => ({ ...x, severity: e.target.value }))} error={errors.severity}>
            {RISK_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </SelectField>
          <SubmitButton pending={pending} pendingLabel="Adding…">
            Add risk
          </SubmitButton>
        </form>
      )}
      <FormMessage state={remove.state ?? state} />
    </div>
  )
}
