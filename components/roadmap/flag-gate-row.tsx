'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { linkFlagAction } from '@/lib/roadmap/gate-actions'
import { rolloutWords, type ChecklistGate, type GateChecklist } from '@/lib/roadmap/gate-summary'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { useActionForm } from '@/components/ui/use-action-form'
import { GateStateBadge } from './gate-row'

export interface FlagGateRowProps {
  itemId: string
  version: number
  gate: ChecklistGate
  flag: GateChecklist['flag']
  flagOptions: GateChecklist['flagOptions']
  canEdit: boolean
}

/** The automatic gate: the linked flag and its production rollout, read from Feature flags; editors link or unlink the flag. */
export function FlagGateRow({ itemId, version, gate, flag, flagOptions, canEdit }: FlagGateRowProps) {
  const router = useRouter()
  const [flagKey, setFlagKey] = useState('')
  const { state, pending, run, errors } = useActionForm(linkFlagAction)
  const headingId = `gate-${gate.gate}`
  const listId = `flag-options-${itemId}`

  function link(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run({ itemId, flagKey, version }, () => {
      setFlagKey('')
      router.refresh()
    })
  }

  return (
    <li aria-labelledby={headingId} className="space-y-2 py-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p id={headingId} className="text-sm font-medium text-ink">
            {gate.label} <span className="text-xs font-normal text-ink-muted">(automatic)</span>
          </p>
          <p className="text-xs text-ink-muted">{gate.help}</p>
        </div>
        <GateStateBadge done={gate.done} />
      </div>
      {flag ? (
        <p className="text-sm text-ink">
          Linked flag{' '}
          {flag.exists ? (
            <Link href={`/flags/${encodeURIComponent(flag.key)}`} className="font-mono text-accent-fg underline">
              {flag.key}
            </Link>
          ) : (
            <span className="font-mono">{flag.key}</span>
          )}
          {flag.name && flag.name !== flag.key && <span className="text-ink-muted"> ({flag.name})</span>}: {rolloutWords(flag)}.
        </p>
      ) : (
        <p className="text-sm text-ink-muted">{gate.detail}.</p>
      )}
      {canEdit && (
        <div className="flex flex-wrap items-end gap-2">
          <form onSubmit={link} aria-label="Link a feature flag" className="flex flex-wrap items-end gap-2">
            <InputField label={flag ? 'Link another flag' : 'Link a flag'} name="flagKey" required list={listId} value={flagKey} onChange={(e) => setFlagKey(e.target.value)} error={errors.flagKey} placeholder="flag key" className="min-w-56" />
            <datalist id={listId}>
              {flagOptions.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.name}
                </option>
              ))}
            </datalist>
            <Button type="submit" size="sm" loading={pending}>
              Link flag
            </Button>
          </form>
          {flag && (
            <Button size="sm" variant="ghost" disabled={pending} onClick={() => run({ itemId, flagKey: null, version }, () => router.refresh())}>
              Unlink {flag.key}
            </Button>
          )}
          <FormMessage state={state} className="basis-full" />
        </div>
      )}
    </li>
  )
}
