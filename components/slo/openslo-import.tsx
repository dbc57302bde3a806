'use client'

import { useRouter } from 'next/navigation'
import { useState, type ChangeEvent, type FormEvent } from 'react'
import { applyOpenSloAction } from '@/lib/slo/manage-actions'
import type { ApplyOutcome } from '@/lib/slo/manage'
import { outcomeLine } from '@/lib/slo/openslo-words'
import { TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'

const MAX_FILE_BYTES = 1_000_000

type ApplyData = { outcomes: ApplyOutcome[]; warnings: string[] }

/**
 * Paste an OpenSLO v1 file or pick one, then apply it: new keys are created, changed ones updated, the
 * rest left alone. A refused file lists every problem with its line; nothing is written then.
 */
export function OpenSloImport() {
  const router = useRouter()
  const { state, pending, run, errors } = useActionForm(applyOpenSloAction)
  const [textValue, setTextValue] = useState('')
  const [fileProblem, setFileProblem] = useState<string | null>(null)
  const data = state?.data as ApplyData | undefined

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0]
    setFileProblem(null)
    if (!file) return
    if (file.size > MAX_FILE_BYTES) return setFileProblem('The file is larger than 1 MB.')
    setTextValue(await file.text())
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run({ text: textValue }, () => router.refresh())
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Import OpenSLO">
      <div className="space-y-1">
        <label htmlFor="openslo-file" className="block text-sm font-medium text-ink">
          Upload a file
        </label>
        <input
          id="openslo-file"
          type="file"
          accept=".yaml,.yml,application/yaml,text/yaml,text/plain"
          onChange={onFile}
          aria-describedby={fileProblem ? 'openslo-file-error' : undefined}
          className="block text-sm text-ink file:mr-3 file:rounded-md file:border file:border-line-input file:bg-surface file:px-3 file:py-1.5 file:text-sm"
        />
        {fileProblem && (
          <p id="openslo-file-error" className="text-xs font-medium text-critical-fg">
            {fileProblem}
          </p>
        )}
      </div>
      <TextareaField
        label="OpenSLO YAML"
        name="text"
        rows={12}
        value={textValue}
        onChange={(e) => setTextValue(e.target.value)}
        spellCheck={false}
        hint="apiVersion: openslo/v1 — kind SLO (with its SLI inline or by indicatorRef), SLI, AlertPolicy, AlertCondition. Several documents separated by ---."
        error={errors.text}
      />
      <FormMessage state={state} />
      {data && data.outcomes.length > 0 && (
        <ul aria-label="What the file changed" className="space-y-0.5 text-sm tabular-nums text-ink-muted">
          {data.outcomes.map((o) => (
            <li key={o.key}>{outcomeLine(o)}</li>
          ))}
        </ul>
      )}
      {data && data.warnings.length > 0 && (
        <ul aria-label="Warnings" className="space-y-0.5 text-sm text-medium-fg">
          {data.warnings.map((w) => (
            <li key={w}>Warning: {w}</li>
          ))}
        </ul>
      )}
      <SubmitButton pending={pending} pendingLabel="Applying…">
        Apply file
      </SubmitButton>
    </form>
  )
}
