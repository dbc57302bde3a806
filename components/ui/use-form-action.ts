'use client'

import { startTransition, useActionState, useRef, type FormEvent } from 'react'
import type { FormState } from '@/lib/auth/guard'
import { useFocusFirstInvalid } from './use-focus-first-invalid'

export interface FormActionOptions<T> {
  /** Runs with each result, e.g. to reset the form or navigate after a success. */
  onResult?: (result: FormState<T>, form: HTMLFormElement | null) => void
  /** Move focus to the first invalid field after a refusal (default true). */
  focusFirstInvalid?: boolean
}

/**
 * Submits a form's FormData to a server action through a transition rather than `action=` (React resets a
 * form after every `action=` submission, which would lose what was typed when the server refuses it), and
 * keeps the last result for FormMessage and the field errors.
 */
export function useFormAction<T>(action: (form: FormData) => Promise<FormState<T>>, { onResult, focusFirstInvalid = true }: FormActionOptions<T> = {}) {
  const formRef = useRef<HTMLFormElement>(null)
  const [state, submit, pending] = useActionState<FormState<T> | null, FormData>(async (_prev, form) => {
    const result = await action(form)
    onResult?.(result, formRef.current)
    return result
  }, null)
  useFocusFirstInvalid(formRef, focusFirstInvalid ? state : null)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    startTransition(() => submit(form))
  }

  return { formRef, state, pending, onSubmit, errors: state?.fieldErrors ?? {} }
}

/** An `onResult` that clears the form after a success. */
export function resetOnSuccess(result: { ok: boolean }, form: HTMLFormElement | null) {
  if (result.ok) form?.reset()
}
