'use client'

import { useState } from 'react'
import { setKillSwitchAction } from '@/lib/flags/actions'
import type { Environment } from '@/lib/flags/schema'
import type { FormState } from '@/lib/auth/guard'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { environmentLabel } from './labels'

export interface KillSwitchButtonProps {
  flagKey: string
  environment: Environment
  killed: boolean
  offVariant: string
}

/**
 * The kill switch asks once, then serves the off variant to everyone in the environment. A refusal (a
 * missing gate, say) stays in the dialog; the outcome (applied, or waiting for approval) shows beside it.
 */
export function KillSwitchButton({ flagKey, environment, killed, offVariant }: KillSwitchButtonProps) {
  const [result, setResult] = useState<FormState<unknown> | null>(null)
  const env = environmentLabel(environment)

  async function toggle() {
    const r = await setKillSwitchAction({ flagKey, environment, killed: !killed })
    if (r.ok) setResult(r)
    return r
  }

  return (
    <div className="flex flex-col items-start gap-1">
      {killed ? (
        <ConfirmButton
          variant="secondary"
          title={`Turn the kill switch off in ${env}?`}
          description="The flag follows its targeting rules and rollout again. In production a gated flag needs a second person's approval first."
          confirmLabel="Turn kill switch off"
          confirmAction={toggle}
        >
          Turn kill switch off
        </ConfirmButton>
      ) : (
        <ConfirmButton
          title={`Kill ${flagKey} in ${env}?`}
          description={
            <>
              Everyone in {env.toLowerCase()} gets <code className="font-mono">{offVariant}</code> within seconds, whatever the rules and
              rollout say. It never waits for an approval. Turn it off again to restore; both are audited.
            </>
          }
          confirmLabel="Kill the flag"
          confirmAction={toggle}
        >
          Kill switch
        </ConfirmButton>
      )}
      <p aria-live="polite" className="text-xs text-ink-muted">
        {result?.message}
      </p>
    </div>
  )
}
