'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState, type FormEvent } from 'react'
import { updateThreatSettingsAction } from '@/lib/competitors/actions'
import type { ThreatSettings } from '@/lib/competitors/scoring'
import { InputField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

/** The thresholds of the threat levels, the evidence half-life and the momentum window. */
export function ThreatSettingsForm({ settings }: { settings: ThreatSettings }) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [v, setV] = useState({
    halfLifeDays: String(settings.halfLifeDays),
    momentumDays: String(settings.momentumDays),
    capabilityHigh: String(settings.capability.high),
    capabilityMedium: String(settings.capability.medium),
    competitorHigh: String(settings.competitor.high),
    competitorMedium: String(settings.competitor.medium),
  })
  const { state, pending, run, errors } = useActionForm(updateThreatSettingsAction)
  useFocusFirstInvalid(formRef, state)
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [k]: e.target.value }))
  const err = (path: string) => errors[path]

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run(
      {
        halfLifeDays: v.halfLifeDays,
        momentumDays: v.momentumDays,
        capability: { high: v.capabilityHigh, medium: v.capabilityMedium },
        competitor: { high: v.competitorHigh, medium: v.competitorMedium },
      },
      () => router.refresh(),
    )
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Threat settings" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label="Evidence half-life (days)" name="halfLifeDays" type="number" min={1} max={3650} required value={v.halfLifeDays} onChange={set('halfLifeDays')} hint="Evidence this old counts half; older is stale." error={err('halfLifeDays')} />
        <InputField label="Momentum window (days)" name="momentumDays" type="number" min={1} max={3650} required value={v.momentumDays} onChange={set('momentumDays')} hint="Upgrades younger than this raise a threat." error={err('momentumDays')} />
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium text-ink">Capability threat (0–1.5)</legend>
        <InputField label="High from" name="capabilityHigh" type="number" step="0.01" min={0.01} max={1.5} required value={v.capabilityHigh} onChange={set('capabilityHigh')} error={err('capability.high')} />
        <InputField label="Medium from" name="capabilityMedium" type="number" step="0.01" min={0.01} max={1.5} required value={v.capabilityMedium} onChange={set('capabilityMedium')} error={err('capability.medium')} />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium text-ink">Competitor threat (0–1.5)</legend>
        <InputField label="High from" name="competitorHigh" type="number" step="0.01" min={0.01} max={1.5} required value={v.competitorHigh} onChange={set('competitorHigh')} error={err('competitor.high')} />
        <InputField label="Medium from" name="competitorMedium" type="number" step="0.01" min={0.01} max={1.5} required value={v.competitorMedium} onChange={set('competitorMedium')} error={err('competitor.medium')} />
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save settings
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  )
}
