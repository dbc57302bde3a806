'use client'

import { useState, useTransition } from 'react'
import { deleteChannelAction, sendTestMessageAction, setChannelEnabledAction } from '@/lib/notifications/actions'
import type { FormState } from '@/lib/auth/guard'
import { cn } from '@/lib/cn'
import { Button, ButtonLink } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-button'

export interface ChannelControlsProps {
  id: string
  name: string
  enabled: boolean
}

/** Send a test message (the result is shown here), edit, enable/disable, delete (asks once). */
export function ChannelControls({ id, name, enabled }: ChannelControlsProps) {
  const [result, setResult] = useState<FormState<unknown> | null>(null)
  const [testing, startTest] = useTransition()
  const [toggling, startToggle] = useTransition()

  const run = (fn: () => Promise<FormState<unknown>>) => async () => {
    try {
      setResult(await fn())
    } catch {
      setResult({ ok: false, message: 'Wardroom could not be reached. Check your connection and try again.' })
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-2">
        <Button size="sm" loading={testing} onClick={() => startTest(run(() => sendTestMessageAction({ id })))}>
          {testing ? 'Sending…' : 'Send test message'}
          <span className="sr-only"> to {name}</span>
        </Button>
        <ButtonLink size="sm" href={`/admin/channels?edit=${id}#channel-form`}>
          Edit<span className="sr-only"> {name}</span>
        </ButtonLink>
        <Button size="sm" variant="ghost" loading={toggling} onClick={() => startToggle(run(() => setChannelEnabledAction({ id, enabled: !enabled })))}>
          {enabled ? 'Disable' : 'Enable'}
          <span className="sr-only"> {name}</span>
        </Button>
        <ConfirmButton
          size="sm"
          title={`Delete the channel “${name}”?`}
          description="Messages still waiting for it are dropped. The change is recorded in the audit log; the channel can be added again."
          confirmLabel="Delete channel"
          confirmAction={() => deleteChannelAction({ id })}
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
