'use client'

import { useState, useTransition } from 'react'
import { checkProbeNowAction, deleteProbeAction, setProbeEnabledAction } from '@/lib/probes/actions'
import type { FormState } from '@/lib/auth/guard'
import { cn } from '@/lib/cn'
import { Button, ButtonLink } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-button'

/** Check now (the result is shown here), edit, pause/resume, delete (asks once). */
export function ProbeControls({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const [result, setResult] = useState<FormState | null>(null)
  const [checking, startCheck] = useTransition()
  const [toggling, startToggle] = useTransition()

  const run = (fn: () => Promise<FormState>) => async () => {
    try {
      setResult(await fn())
    } catch {
      setResult({ ok: false, message: 'Wardroom could not be reached. Check your connection and try again.' })
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-2">
        <Button size="sm" loading={checking} onClick={() => startCheck(run(() => checkProbeNowAction({ id })))}>
          {checking ? 'Checking…' : 'Check now'}
          <span className="sr-only"> {name}</span>
        </Button>
        <ButtonLink size="sm" href={`/incidents/probes?edit=${id}#probe-form`}>
          Edit<span className="sr-only"> {name}</span>
        </ButtonLink>
        <Button size="sm" variant="ghost" loading={toggling} onClick={() => startToggle(run(() => setProbeEnabledAction({ id, enabled: !enabled })))}>
          {enabled ? 'Pause' : 'Resume'}
          <span className="sr-only"> {name}</span>
        </Button>
        <ConfirmButton
          size="sm"
          title={`Delete the probe “${name}”?`}
          description="Its results are deleted with it, and availability figures built on them lose that history. An open incident stays open. The change is recorded in the audit log."
          confirmLabel="Delete probe"
          confirmAction={() => deleteProbeAction({ id })}
        >
          Delete<span className="sr-only"> {name}</span>
        </ConfirmButton>
      </div>
      <p aria-live="polite" className={cn('max-w-sm text-right text-xs', result && !result.ok ? 'font-medium text-critical-fg' : 'text-ink-muted')}>
        {result?.message}
      </p>
    </div>
  )
}
