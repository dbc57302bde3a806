'use client'

import Link from 'next/link'
import { startTransition, useActionState, useRef, type FormEvent } from 'react'
import type { FormState } from '@/lib/auth/guard'
import { generateReportAction, type GeneratedReportData } from '@/lib/slo/report-actions'
import { REPORT_PERIODS, REPORT_PERIOD_LABELS } from '@/lib/slo/report-periods'
import { Button } from '@/components/ui/button'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'

type State = FormState<GeneratedReportData> | null

/** "Generate now": builds (or rebuilds) the report of a whole past period at once. */
export function GenerateReportForm({ timeZone }: { timeZone: string }) {
  const formRef = useRef<HTMLFormElement>(null)
  const [state, submit, pending] = useActionState<State, FormData>(async (_prev, form) => generateReportAction(form), null)
  const errors = state?.fieldErrors ?? {}

  // A transition instead of `action=` keeps the chosen values after a refusal (React resets forms after `action=`).
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    startTransition(() => submit(form))
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Generate a report" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Period" name="period" defaultValue="daily" required error={errors.period}>
          {REPORT_PERIODS.map((p) => (
            <option key={p} value={p}>
              {REPORT_PERIOD_LABELS[p]}
            </option>
          ))}
        </SelectField>
        <InputField
          label="Period containing"
          name="date"
          type="date"
          hint={`Optional. Leave empty for the last whole day, week or month (${timeZone}).`}
          error={errors.date}
        />
      </div>
      <FormMessage state={state} />
      {state?.ok && state.data && (
        <p className="text-sm">
          <Link href={`/slo/reports/${state.data.id}`} className="font-medium text-accent-fg underline">
            Open the report for {state.data.label}
          </Link>
        </p>
      )}
      <Button type="submit" variant="primary" loading={pending}>
        {pending ? 'Generating…' : 'Generate now'}
      </Button>
    </form>
  )
}
