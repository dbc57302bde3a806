'use client'

import { useId, useRef, useState, type ReactNode } from 'react'
import { Button, type ButtonSize, type ButtonVariant } from './button'

/** The shape of the project's form-state result; anything else (or nothing) counts as success. */
type ConfirmResult = { ok: boolean; message?: string } | void

export interface ConfirmButtonProps {
  /** The trigger's text, e.g. "Revoke key". */
  children: ReactNode
  /** The question, e.g. "Revoke the key “ci-runner”?" */
  title: string
  /** What will happen and whether it can be undone. */
  description?: ReactNode
  /** The confirming button's text; defaults to the trigger's when that is a string. */
  confirmLabel?: string
  /**
   * Runs once confirmed: a Server Action (bound to its id) or a client function. A result of
   * `{ ok: false, message }` keeps the dialog open and shows the message; a thrown error does the same.
   */
  confirmAction: () => ConfirmResult | Promise<ConfirmResult>
  variant?: ButtonVariant
  size?: ButtonSize
  disabled?: boolean
  className?: string
}

/**
 * A destructive action that asks once. Uses a modal `<dialog>`: the page behind is inert (so focus stays
 * inside), Escape or a click outside closes it, Cancel has the initial focus, and focus returns to the trigger.
 */
export function ConfirmButton({
  children,
  title,
  description,
  confirmLabel,
  confirmAction,
  variant = 'danger',
  size = 'md',
  disabled,
  className,
}: ConfirmButtonProps) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const triggerRef = useRef<HTMLButtonElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const titleId = useId()
  const descriptionId = useId()

  function open() {
    setError(null)
    dialogRef.current?.showModal()
    // Cancel takes the initial focus: an Enter pressed by habit must not confirm.
    cancelRef.current?.focus()
  }

  function close() {
    dialogRef.current?.close()
  }

  async function confirm() {
    setPending(true)
    setError(null)
    try {
      const result = await confirmAction()
      if (result && !result.ok) {
        setError(result.message ?? 'That did not work. Please try again.')
        return
      }
      close()
    } catch {
      setError('That did not work. Check your connection and try again.')
    } finally {
      setPending(false)
    }
  }

  return (
    <>
      <Button ref={triggerRef} variant={variant} size={size} disabled={disabled} className={className} onClick={open}>
        {children}
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-line bg-surface p-0 text-ink shadow-xl backdrop:bg-ink/40"
        onCancel={(e) => {
          // Escape must not abandon an action that is already running.
          if (pending) e.preventDefault()
        }}
        onClose={() => triggerRef.current?.focus()}
        onClick={(e) => {
          // The content fills the dialog box, so a click on the dialog itself is a click on the backdrop.
          if (e.target === e.currentTarget && !pending) close()
        }}
      >
        <div className="p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="mt-2 text-sm text-ink-muted">
              {description}
            </div>
          )}
          {error && (
            <p role="alert" className="mt-3 rounded-md border border-critical-border bg-critical-bg px-3 py-2 text-sm text-critical-fg">
              {error}
            </p>
          )}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <Button ref={cancelRef} onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button variant="danger" loading={pending} onClick={confirm}>
              {confirmLabel ?? (typeof children === 'string' ? children : 'Confirm')}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  )
}
