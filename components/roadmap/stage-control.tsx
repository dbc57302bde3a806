'use client'

import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { moveItemAction } from '@/lib/roadmap/actions'
import { STAGE_LABELS, STAGES, type Stage } from '@/lib/roadmap/model'
import { Button } from '@/components/ui/button'
import { SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { LabelledOptions, SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'

/**
 * Moves the item to another stage from its page (the board's drag does the same): to the top of the new
 * column. A refused release names the open gates; a stale version names the other person's change.
 */
export function StageControl({ id, version, stage }: { id: string; version: number; stage: Stage }) {
  const router = useRouter()
  const [to, setTo] = useState<Stage>(stage)
  const { state, pending, run, errors } = useActionForm(moveItemAction)
  const move = (target: Stage) => run({ id, version, stage: target, position: 0 }, () => router.refresh())
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    move(to)
  }
  return (
    <div className="space-y-3">
      <form onSubmit={onSubmit} aria-label="Move to another stage" className="flex flex-wrap items-end gap-3">
        <SelectField label="Stage" name="stage" value={to} onChange={(e) => setTo(e.target.value as Stage)} error={errors.stage}>
          <LabelledOptions values={STAGES} labels={STAGE_LABELS} />
        </SelectField>
        <SubmitButton pending={pending} pendingLabel="Moving…" disabled={to === stage}>
          Move
        </SubmitButton>
        {stage !== 'archived' ? (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => move('archived')}>
            Archive
          </Button>
        ) : (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => move('ideas')}>
            Restore to ideas
          </Button>
        )}
      </form>
      <FormMessage state={state} />
    </div>
  )
}
