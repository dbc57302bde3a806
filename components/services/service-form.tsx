'use client'

import { useRouter } from 'next/navigation'
import { createServiceAction, updateServiceAction } from '@/lib/services/actions'
import type { ServiceFormOptions } from '@/lib/services/queries'
import { TIER_LABELS, TIERS, type Tier } from '@/lib/services/schema'
import { InputField, SelectField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { LabelledOptions, NamedOptions, SubmitButton } from '@/components/ui/form-parts'
import { useFormAction } from '@/components/ui/use-form-action'

export interface ServiceFormValues {
  id?: string
  key: string
  name: string
  description: string
  ownerTeam: string
  tier: Tier | null
  runbookUrl: string | null
  escalationPolicyId: string | null
  dependsOn: readonly string[]
}

/** Creates a service (then opens its page) or, given an id, edits one in place. */
export function ServiceForm({ initial, options }: { initial: ServiceFormValues; options: ServiceFormOptions }) {
  const router = useRouter()
  const editing = Boolean(initial.id)
  const { formRef, state, pending, onSubmit, errors } = useFormAction(editing ? updateServiceAction : createServiceAction, {
    onResult: (result) => {
      if (!result.ok || !result.data) return
      if (editing) router.refresh()
      else router.push(`/services/${encodeURIComponent((result.data as { key: string }).key)}`)
    },
  })

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={editing ? 'Edit the service' : 'Create a service'} className="space-y-4">
      {editing && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        {!editing && (
          <InputField
            label="Key"
            name="key"
            required
            maxLength={64}
            defaultValue={initial.key}
            autoComplete="off"
            spellCheck={false}
            hint="The name alerts use for it: lower-case letters, digits, . _ -, e.g. triage-api. It cannot be changed later."
            error={errors.key}
          />
        )}
        <InputField label="Name" name="name" required maxLength={120} defaultValue={initial.name} autoComplete="off" error={errors.name} />
        <InputField label="Owner team" name="ownerTeam" required maxLength={120} defaultValue={initial.ownerTeam} hint="The team that answers for it, e.g. Clinical AI platform." error={errors.ownerTeam} />
        <SelectField label="Tier" name="tier" required defaultValue={initial.tier ? String(initial.tier) : ''} error={errors.tier}>
          <option value="" disabled>
            Choose a tier
          </option>
          <LabelledOptions values={TIERS.map(String)} labels={(t) => TIER_LABELS[Number(t) as Tier]} />
        </SelectField>
        <InputField
          label="Runbook"
          name="runbookUrl"
          type="url"
          maxLength={2000}
          defaultValue={initial.runbookUrl ?? ''}
          placeholder="https://"
          hint="An http or https link to what on-call does when it fails."
          error={errors.runbookUrl}
        />
        <SelectField
          label="Escalation policy"
          name="escalationPolicyId"
          defaultValue={initial.escalationPolicyId ?? ''}
          hint="Without one, its incidents follow the default escalation policy."
          error={errors.escalationPolicyId}
        >
          <option value="">The default policy</option>
          <NamedOptions items={options.policies} />
        </SelectField>
        <TextareaField label="Description" name="description" rows={2} maxLength={2000} defaultValue={initial.description} error={errors.description} className="sm:col-span-2" />
      </div>
      <fieldset className="space-y-2" aria-describedby="depends-on-hint">
        <legend className="text-sm font-medium text-ink">Depends on</legend>
        <p id="depends-on-hint" className="text-xs text-ink-muted">
          Services this one needs to work. A dependency that would make a loop is refused.
        </p>
        {options.services.length === 0 ? (
          <p className="text-sm text-ink-muted">No other services in the catalogue yet.</p>
        ) : (
          <div className="grid max-h-48 gap-1 overflow-y-auto rounded-md border border-line p-2 sm:grid-cols-2 lg:grid-cols-3">
            {options.services.map((s) => (
              <label key={s.id} className="flex items-center gap-2 text-sm text-ink">
                <input type="checkbox" name="dependsOn" value={s.id} defaultChecked={initial.dependsOn.includes(s.id)} className="size-4 rounded border-line-input accent-accent" />
                {s.name} <span className="font-mono text-xs text-ink-muted">{s.key}</span>
              </label>
            ))}
          </div>
        )}
        {errors.dependsOn && (
          <p className="text-xs font-medium text-critical-fg" role="alert">
            {errors.dependsOn.join(' ')}
          </p>
        )}
      </fieldset>
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingLabel={editing ? 'Saving…' : 'Creating…'}>
        {editing ? 'Save service' : 'Create service'}
      </SubmitButton>
    </form>
  )
}
