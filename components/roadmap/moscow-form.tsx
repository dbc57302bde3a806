'use client'

import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { setScoreInputsAction } from '@/lib/roadmap/actions'
import { MOSCOW, MOSCOW_WORDS, type Moscow } from '@/lib/roadmap/scoring'
import { SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { LabelledOptions, SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'

/** The item's MoSCoW category for its release (a PM's call; no evidence seeds it). */
export function MoscowForm({ id, version, moscow }: { id: string; version: number; moscow: Moscow | null }) {
  const router = useRouter()
  const [v, setV] = useState<string>(moscow ?? '')
  const { state, pending, run, errors } = useActionForm(setScoreInputsAction)
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run({ id, version, moscow: v }, () => router.refresh())
  }
  return (
    <form onSubmit={onSubmit} aria-label="MoSCoW category" className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField label="Category for its release" name="moscow" value={v} onChange={(e) => setV(e.target.value)} error={errors.moscow}>
          <LabelledOptions values={MOSCOW} labels={MOSCOW_WORDS} blank="Not decided" />
        </SelectField>
        <SubmitButton pending={pending} pendingLabel="Saving…" size="sm" disabled={v === (moscow ?? '')}>
          Save category
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  )
}
