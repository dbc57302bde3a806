'use client'

import { useEffect, useId, useRef, type FormEvent } from 'react'
import { RESOLUTION_NOTE_MAX } from '@/lib/incidents/schema'
import { RESOLVE_UNDO_SECONDS } from '@/lib/incidents/undo'
import { Button } from '@/components/ui/button'
import { TextareaField } from '@/components/ui/field'

export interface ResolveDialogProps {
  /** The incident to resolve; null keeps the dialog closed. */
  incident: { number: number; title?: string } | null
  /** Resolve with the note ('' for none); the dialog closes at once and the caller shows the outcome. */
  onResolve: (note: string) => void
  onCancel: () => void
}

/**
 * Asks for a short resolution note before resolving (optional, but prompted: the next person reading the
 * timeline wants to know what fixed it). A modal `<dialog>`: the note has the focus, Escape or Cancel
 * closes it and focus returns where it was.
 */
export function ResolveDialog({ incident, onResolve, onCancel }: ResolveDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const open = incident !== null

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      dialog.querySelector('textarea')?.focus()
    } else if (!open && dialog.open) dialog.close()
  }, [open])

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const note = String(new FormData(e.currentTarget).get('reason') ?? '')
    e.currentTarget.reset()
    onResolve(note)
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg border border-line bg-surface p-0 text-ink shadow-xl backdrop:bg-ink/40"
      onClose={() => {
        if (open) onCancel()
      }}
      onClick={(e) => {
        // The form fills the dialog box, so a click on the dialog itself is a click on the backdrop.
        if (e.target === e.currentTarget) onCancel()
      }}
    >
      <form onSubmit={onSubmit} className="space-y-4 p-5" aria-labelledby={titleId}>
        <h2 id={titleId} className="text-base font-semibold">
          Resolve {incident ? `INC-${incident.number}` : 'the incident'}?
        </h2>
        {incident?.title && <p className="-mt-3 text-sm text-ink-muted">{incident.title}</p>}
        <TextareaField
          label="Resolution note"
          name="reason"
          rows={3}
          maxLength={RESOLUTION_NOTE_MAX}
          hint={`Optional: what fixed it, in a sentence or two. It goes on the timeline; patient identifiers are removed. You can undo for ${RESOLVE_UNDO_SECONDS} seconds.`}
        />
        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="primary">
            Resolve
          </Button>
        </div>
      </form>
    </dialog>
  )
}
