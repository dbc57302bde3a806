'use client'

import Link from 'next/link'
import { generateReportAction } from '@/lib/slo/report-actions'
import { REPORT_PERIODS, REPORT_PERIOD_LABELS } from '@/lib/slo/report-periods'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { LabelledOptions, SubmitButton } from '@/components/ui/form-parts'
import { useFormAction } from '@/components/ui/use-form-action'

/** "Generate now": builds (or rebuilds) the report of a whole past period at once. */
export function GenerateReportForm({ timeZone }: { timeZone: string }) {
  const { formRef, state, pending, onSubmit, errors } = useFormAction(generateReportAction, { focusFirstInvalid: false })

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Generate a report" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Period" name="period" defaultValue="daily" required error={errors.period}>
          <LabelledOptions values={REPORT_PERIODS} labels={REPORT_PERIOD_LABELS} />
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
      <SubmitButton pending={pending} pendingLabel="Generating…">
        Generate now
      </SubmitButton>
    </form>
  )
}
