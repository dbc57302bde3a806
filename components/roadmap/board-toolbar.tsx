'use client'

import { useId, useState, type ReactNode } from 'react'
import { BOARD_STAGES, STAGE_LABELS } from '@/lib/roadmap/model'
import type { WipLimits } from '@/lib/roadmap/schema'
import { setWipLimitsAction } from '@/lib/roadmap/wip-actions'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { Icon } from '@/components/ui/icons'
import { useFormAction } from '@/components/ui/use-form-action'

/**
 * The board's toolbar: what is on the board (`children`) and, for editors, the WIP limits of each column
 * behind a toggle. A column over its limit is warned, never blocked.
 */
export function BoardToolbar({ limits, canEdit, children }: { limits: WipLimits; canEdit: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const set = BOARD_STAGES.filter((s) => limits[s] !== null).length
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-sm text-ink-muted">
        <p>{children}</p>
        {canEdit && (
          <Button variant="ghost" size="sm" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
            <Icon name="settings" size={14} />
            WIP limits{set > 0 ? ` (${set} set)` : ''}
            <Icon name="chevron-down" size={14} className={open ? 'rotate-180' : undefined} />
          </Button>
        )}
      </div>
      {canEdit && open && (
        <div id={panelId}>
          <WipLimitsForm limits={limits} />
        </div>
      )}
    </div>
  )
}

function WipLimitsForm({ limits }: { limits: WipLimits }) {
  const { formRef, state, pending, onSubmit, errors } = useFormAction(setWipLimitsAction)
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="WIP limits" noValidate className="space-y-3 rounded-lg border border-line bg-surface px-4 py-3">
      <p className="text-sm text-ink-muted">The most items each column should hold. A column over its limit is marked amber and says so; moves are never blocked. Leave a column empty for no limit.</p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {BOARD_STAGES.map((s) => (
          <InputField key={s} label={STAGE_LABELS[s]} name={s} type="number" min={0} max={500} inputMode="numeric" defaultValue={limits[s] ?? ''} error={errors[s]} />
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save WIP limits
        </SubmitButton>
        <FormMessage state={state} className="min-w-0 flex-1" />
      </div>
    </form>
  )
}
