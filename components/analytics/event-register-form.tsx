'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState, type FormEvent } from 'react'
import { registerEventAction } from '@/lib/analytics/registry-actions'
import { MAX_PROPERTIES, PROPERTY_TYPE_LABELS, PROPERTY_TYPES } from '@/lib/analytics/registry-schema'
import type { PropertyType } from '@/lib/analytics/normalize'
import { cn } from '@/lib/cn'
import { Button, ButtonLink } from '@/components/ui/button'
import { controlClasses, InputField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { Icon } from '@/components/ui/icons'
import { errorsUnder, useActionForm } from '@/components/ui/use-action-form'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

interface PropertyDraft {
  id: number
  name: string
  type: PropertyType
}

export interface EventRegisterFormProps {
  name: string
  /** Quarantined (register it) or registered (edit it). */
  registered: boolean
  owner: string
  description: string
  properties: Record<string, PropertyType>
}

function Problem({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null
  return (
    <p id={id} className="flex items-start gap-1 text-xs font-medium text-critical-fg">
      <Icon name="alert-circle" size={14} className="mt-px" />
      <span>{messages.join(' ')}</span>
    </p>
  )
}

/** The owner, description and allowed properties (name and type) of one event; saving registers it. */
export function EventRegisterForm({ name, registered, owner, description, properties }: EventRegisterFormProps) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  // Row ids count up from the initial rows' (deterministic, so the server's render and the browser's agree).
  const [{ rows }, setList] = useState(() => {
    const initial: PropertyDraft[] = Object.entries(properties).map(([n, type], id) => ({ id, name: n, type }))
    return { rows: initial, nextId: initial.length }
  })
  const setRows = (f: (rs: PropertyDraft[]) => PropertyDraft[]) => setList((l) => ({ ...l, rows: f(l.rows) }))
  const [fields, setFields] = useState({ owner, description })
  const { state, pending, run, errors } = useActionForm(registerEventAction)
  useFocusFirstInvalid(formRef, state)

  const setRow = (id: number, patch: Partial<PropertyDraft>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)))

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    // The page re-renders with the event among the registered ones; the form stays with its message.
    run({ name, ...fields, properties: rows.map(({ name: n, type }) => ({ name: n, type })) }, () => router.refresh())
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={registered ? `Edit ${name}` : `Register ${name}`} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          label="Owner"
          name="owner"
          required
          maxLength={120}
          value={fields.owner}
          onChange={(e) => setFields((f) => ({ ...f, owner: e.target.value }))}
          hint="The team or person who answers for this event, e.g. sepsis-ai."
          error={errors.owner}
        />
        <TextareaField
          label="Description"
          name="description"
          rows={2}
          maxLength={500}
          value={fields.description}
          onChange={(e) => setFields((f) => ({ ...f, description: e.target.value }))}
          hint="When it is sent, in a sentence. No patient details."
          error={errors.description}
        />
      </div>
      <fieldset className="space-y-2" aria-describedby="properties-hint">
        <legend className="text-sm font-medium text-ink">Allowed properties</legend>
        <p id="properties-hint" className="text-xs text-ink-muted">
          Only these are kept, and only with this type; anything else an event carries is dropped and counted. Text is PHI-redacted before it is stored.
        </p>
        {rows.length === 0 ? (
          <p className="text-sm text-ink-muted">None: events keep only their name, time and coarse context (department, role, site).</p>
        ) : (
          <ul className="space-y-2">
            {rows.map((r, i) => {
              const problems = errorsUnder(errors, `properties.${i}`)
              const problemId = `property-${r.id}-error`
              return (
                <li key={r.id} className="space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <input
                      aria-label={`Property ${i + 1}: name`}
                      value={r.name}
                      maxLength={64}
                      spellCheck={false}
                      autoComplete="off"
                      placeholder="score"
                      onChange={(e) => setRow(r.id, { name: e.target.value })}
                      aria-invalid={problems.length ? true : undefined}
                      aria-describedby={problems.length ? problemId : undefined}
                      className={cn(controlClasses, 'h-8 w-56 font-mono text-[13px]')}
                    />
                    <select
                      aria-label={`Property ${i + 1}: type`}
                      value={r.type}
                      onChange={(e) => setRow(r.id, { type: e.target.value as PropertyType })}
                      className={cn(controlClasses, 'h-8 w-36 pr-8')}
                    >
                      {PROPERTY_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {PROPERTY_TYPE_LABELS[t]}
                        </option>
                      ))}
                    </select>
                    <Button size="sm" variant="ghost" onClick={() => setRows((rs) => rs.filter((x) => x.id !== r.id))}>
                      Remove<span className="sr-only"> property {i + 1}</span>
                    </Button>
                  </div>
                  <Problem id={problemId} messages={problems} />
                </li>
              )
            })}
          </ul>
        )}
        <Problem id="properties-error" messages={errors.properties ?? []} />
        <Button size="sm" disabled={rows.length >= MAX_PROPERTIES} onClick={() => setList((l) => ({ rows: [...l.rows, { id: l.nextId, name: '', type: 'string' }], nextId: l.nextId + 1 }))}>
          Add property
        </Button>
      </fieldset>
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          {registered ? 'Save event' : 'Register event'}
        </SubmitButton>
        <ButtonLink href="/analytics/events" variant="ghost">
          {state?.ok ? 'Close' : 'Cancel'}
        </ButtonLink>
      </div>
    </form>
  )
}
