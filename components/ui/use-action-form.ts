'use client'

import { useState, useTransition } from 'react'
import type { FormState } from '@/lib/auth/guard'

/**
 * Runs a server action with a plain object (forms here hold lists and nested levels that FormData cannot
 * carry), keeping the last result for FormMessage and field errors.
 */
export function useActionForm<I>(action: (input: I) => Promise<FormState<unknown>>) {
  const [state, setState] = useState<FormState<unknown> | null>(null)
  const [pending, startTransition] = useTransition()
  function run(input: I, onOk?: () => void) {
    startTransition(async () => {
      const result = await action(input)
      setState(result)
      if (result.ok) onOk?.()
    })
  }
  return { state, pending, run, errors: state?.fieldErrors ?? {} }
}

/** A datetime-local value (the viewer's wall clock) as an ISO instant; '' stays '' so the schema names the field. */
export function localInputToIso(value: string): string {
  if (!value) return ''
  const d = new Date(value)
  return Number.isFinite(d.getTime()) ? d.toISOString() : value
}

/** Field errors under a path prefix, e.g. every `levels.1.*` message for level 2. */
export function errorsUnder(errors: Record<string, string[]>, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`))
    .flatMap(([, v]) => v)
}
