'use client'

import { BOARD_STAGES, STAGE_LABELS } from '@/lib/roadmap/model'
import type { WipLimits } from '@/lib/roadmap/schema'
import { setWipLimitsAction } from '@/lib/roadmap/wip-actions'
import { InputField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useFormAction } from '@/components/ui/use-form-action'
import { buttonClasses } from '@/components/ui/button'
import { Icon } from '@/components/ui/icons'

/** The WIP limit of each column, behind a disclosure on the board: a column over its limit is warned, never blocked. */
export function WipLimitsForm({ limits }: { limits: WipLimits }) {
  const { formRef, state, pending, onSubmit, errors } = useFormAction(setWipLimitsAction)
  return (
    <details className="group rounded-lg border border-line bg-surface">
      <summary className={buttonClasses('ghost', 'sm', 'm-1 cursor-pointer list-none [&::-webkit-details-marker]:hidden')}>
        <Icon name="settings" size={14} />
        WIP limits
        <Icon name="chevron-down" size={14} className="transition-transform group-open:rotate-180" />
      </summary>
      <form ref={formRef} onSubmit={onSubmit} aria-label="WIP limits" noValidate className="space-y-3 border-t border-line px-4 py-3">
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
    </details>
  )
}
