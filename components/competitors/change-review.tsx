'use client'

import { useRouter } from 'next/navigation'
import { useId, useState, type FormEvent } from 'react'
import { acceptAsPriceAction, acceptAsSwotAction, acceptIntoCellAction, dismissChangeAction } from '@/lib/competitors/watch-actions'
import { CAPABILITY_GROUP_LABELS, CONFIDENCES, STATUS_LABELS, type CapabilityGroup } from '@/lib/competitors/schema'
import { STATUSES } from '@/lib/competitors/scoring'
import { PRICE_MODEL_LABELS, PRICE_MODELS, SWOT_QUADRANTS } from '@/lib/competitors/watch-schema'
import { InputField, SelectField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'

export interface ReviewCapability {
  id: string
  name: string
  group: string
}

export interface ChangeReviewProps {
  changeId: string
  /** Names the forms, e.g. "Epic Systems release notes". */
  label: string
  capabilities: readonly ReviewCapability[]
  /** The competitor's cells by capability id: status and version (absent: unknown, version 0). */
  cells: Record<string, { status: string; version: number }>
}

const MODES = [
  ['cell', 'Into a cell'],
  ['price', 'As a price'],
  ['swot', 'As a SWOT item'],
  ['dismiss', 'Dismiss'],
] as const
type Mode = (typeof MODES)[number][0]

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1)

/** What a reviewer makes of one watched change: evidence for a cell, a price, a SWOT item, or nothing. */
export function ChangeReview({ changeId, label, capabilities, cells }: ChangeReviewProps) {
  const router = useRouter()
  const name = useId()
  const [mode, setMode] = useState<Mode>('cell')
  const [f, setF] = useState({ capabilityId: '', status: 'full', confidence: 'medium', note: '', product: '', model: 'per_user', currency: 'USD', low: '', high: '', quadrant: 'threat', text: '', reason: '' })
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((v) => ({ ...v, [k]: e.target.value }))
  const cell = useActionForm(acceptIntoCellAction)
  const price = useActionForm(acceptAsPriceAction)
  const swot = useActionForm(acceptAsSwotAction)
  const dismiss = useActionForm(dismissChangeAction)
  const current = f.capabilityId ? (cells[f.capabilityId] ?? { status: 'unknown', version: 0 }) : null
  const done = () => router.refresh()

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    if (mode === 'cell') cell.run({ changeId, capabilityId: f.capabilityId, status: f.status, confidence: f.confidence, version: current?.version ?? 0, note: f.note }, done)
    if (mode === 'price') price.run({ changeId, product: f.product, model: f.model, currency: f.currency, low: f.low, high: f.high, confidence: f.confidence, note: f.note }, done)
    if (mode === 'swot') swot.run({ changeId, quadrant: f.quadrant, text: f.text }, done)
    if (mode === 'dismiss') dismiss.run({ changeId, reason: f.reason }, done)
  }
  const active = { cell, price, swot, dismiss }[mode]
  const errors = active.errors
  const groups = [...new Set(capabilities.map((c) => c.group))]

  return (
    <form onSubmit={onSubmit} aria-label={`Review ${label}`} className="space-y-3">
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <legend className="mb-1 font-medium text-ink">What to do with it</legend>
        {MODES.map(([value, text]) => (
          <label key={value} className="inline-flex items-center gap-1.5">
            <input type="radio" name={name} value={value} checked={mode === value} onChange={() => setMode(value)} />
            {text}
          </label>
        ))}
      </fieldset>

      {mode === 'cell' && (
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField label="Capability" name="capabilityId" required value={f.capabilityId} onChange={set('capabilityId')} error={errors.capabilityId} hint={current ? `Now: ${STATUS_LABELS[current.status as keyof typeof STATUS_LABELS] ?? current.status}` : undefined}>
            <option value="">Choose…</option>
            {groups.map((g) => (
              <optgroup key={g} label={CAPABILITY_GROUP_LABELS[g as CapabilityGroup] ?? g}>
                {capabilities.filter((c) => c.group === g).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <SelectField label="What it shows" name="status" value={f.status} onChange={set('status')} error={errors.status}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Confidence" name="confidence" value={f.confidence} onChange={set('confidence')} error={errors.confidence}>
            {CONFIDENCES.map((c) => (
              <option key={c} value={c}>
                {cap(c)}
              </option>
            ))}
          </SelectField>
        </div>
      )}

      {mode === 'price' && (
        <div className="grid gap-3 sm:grid-cols-3">
          <InputField label="Product" name="product" required maxLength={120} value={f.product} onChange={set('product')} error={errors.product} />
          <SelectField label="Pricing model" name="model" value={f.model} onChange={set('model')} error={errors.model}>
            {PRICE_MODELS.map((m) => (
              <option key={m} value={m}>
                {PRICE_MODEL_LABELS[m]}
              </option>
            ))}
          </SelectField>
          <InputField label="Currency" name="currency" maxLength={3} value={f.currency} onChange={set('currency')} error={errors.currency} />
          <InputField label="Low (per unit and year)" name="low" type="number" min={0} required value={f.low} onChange={set('low')} error={errors.low} />
          <InputField label="High (per unit and year)" name="high" type="number" min={0} required value={f.high} onChange={set('high')} error={errors.high} />
          <SelectField label="Confidence" name="confidence" value={f.confidence} onChange={set('confidence')} error={errors.confidence}>
            {CONFIDENCES.map((c) => (
              <option key={c} value={c}>
                {cap(c)}
              </option>
            ))}
          </SelectField>
        </div>
      )}

      {(mode === 'cell' || mode === 'price') && (
        <TextareaField label="Note" name="note" rows={2} maxLength={2000} value={f.note} onChange={set('note')} error={errors.note} hint="Leave empty to keep the change’s text as the evidence note. No patient details." />
      )}

      {mode === 'swot' && (
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField label="Quadrant" name="quadrant" value={f.quadrant} onChange={set('quadrant')} error={errors.quadrant}>
            {SWOT_QUADRANTS.map((q) => (
              <option key={q} value={q}>
                {cap(q)}
              </option>
            ))}
          </SelectField>
          <TextareaField className="sm:col-span-2" label="What it means for us" name="text" rows={2} required maxLength={500} value={f.text} onChange={set('text')} error={errors.text} />
        </div>
      )}

      {mode === 'dismiss' && <InputField label="Reason (optional)" name="reason" maxLength={500} value={f.reason} onChange={set('reason')} error={errors.reason} />}

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={active.pending} pendingLabel="Saving…" variant={mode === 'dismiss' ? 'secondary' : 'primary'}>
          {{ cell: 'Accept into the cell', price: 'Accept as a price', swot: 'Accept as a SWOT item', dismiss: 'Dismiss the change' }[mode]}
        </SubmitButton>
        <FormMessage state={active.state} />
      </div>
    </form>
  )
}
