'use client'

import { useEffect, useRef, useState, useTransition } from 'react'
import type { FormState } from '@/lib/auth/guard'
import { setSiteKeyScreenshotsAction } from '@/lib/feedback/site-key-actions'
import { cn } from '@/lib/cn'
import { Button } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-button'

export interface SiteKeyScreenshotsControlProps {
  siteKeyId: string
  name: string
  accept: boolean
  revoked: boolean
  retentionDays: number
}

/**
 * "Accept screenshots" for one site key: off by default; turning it on asks once, saying why it is off (a
 * screenshot of a clinical screen is PHI the redactor cannot clean). Both ways are audited by the command.
 */
export function SiteKeyScreenshotsControl({ siteKeyId, name, accept, revoked, retentionDays }: SiteKeyScreenshotsControlProps) {
  const [result, setResult] = useState<FormState | null>(null)
  const [turningOff, startTurningOff] = useTransition()
  const messageRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (result?.ok) messageRef.current?.focus()
  }, [result, accept])

  async function turnOn() {
    const r = await setSiteKeyScreenshotsAction({ siteKeyId, accept: true })
    if (r.ok) setResult(r)
    return r
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <span className="text-sm font-medium">{accept ? 'Accepted' : 'Off'}</span>
      {!revoked &&
        (accept ? (
          <Button size="sm" loading={turningOff} onClick={() => startTurningOff(async () => setResult(await setSiteKeyScreenshotsAction({ siteKeyId, accept: false })))}>
            Stop accepting screenshots<span className="sr-only"> from {name}</span>
          </Button>
        ) : (
          <ConfirmButton
            size="sm"
            title={`Accept screenshots from “${name}”?`}
            description={`The host app may then hand the widget a screenshot, which the clinician can choose to attach (unticked by default). A screenshot of a clinical screen may show patient information that cannot be redacted: it is stored with its metadata removed, seen only by triage staff (each view audited) and deleted after ${retentionDays} days. The change is recorded in the audit log.`}
            confirmLabel="Accept screenshots"
            confirmAction={turnOn}
          >
            Accept screenshots<span className="sr-only"> from {name}</span>
          </ConfirmButton>
        ))}
      <p ref={messageRef} tabIndex={-1} aria-live="polite" className={cn('max-w-56 text-xs', result && !result.ok ? 'font-medium text-critical-fg' : 'text-ink-muted')}>
        {result?.message}
      </p>
    </div>
  )
}
