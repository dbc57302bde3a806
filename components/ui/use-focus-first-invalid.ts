'use client'

import { useEffect, type RefObject } from 'react'

/**
 * After a refused submit, moves focus to the first field marked invalid, so a keyboard or screen-reader
 * user lands on what needs fixing (its error is read through aria-describedby).
 */
export function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>, state: { ok: boolean; fieldErrors?: unknown } | null) {
  useEffect(() => {
    if (!state || state.ok || !state.fieldErrors) return
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [formRef, state])
}
