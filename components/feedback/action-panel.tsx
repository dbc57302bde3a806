'use client'

import { useEffect, useRef, useState, useTransition } from 'react'
import { assignFeedbackAction, bulkFeedbackAction, linkFeedbackAction, mergeFeedbackAction, setFeedbackStatusAction } from '@/lib/feedback/actions'
import { FEEDBACK_STATUSES, isClosedStatus, type FeedbackStatus } from '@/lib/feedback/schema'
import { STATUS_LABELS } from '@/lib/feedback/words'
import type { FormState } from '@/lib/auth/guard'
import { Button } from '@/components/ui/button'
import { InputField, SelectField, TextareaField } from '@/components/ui/field'

export type PanelKind = 'status' | 'assign' | 'merge' | 'link'
export interface Person {
  id: string
  name: string
}

export interface ActionPanelProps {
  kind: PanelKind
  /** The items acted on: one (the current item) or the selection (status and assign only). */
  ids: string[]
  /** How the items are named in the heading, e.g. "FB-12" or "3 selected items". */
  subject: string
  people: Person[]
  currentStatus?: FeedbackStatus
  currentAssigneeId?: string | null
  onDone: (message: string) => void
  onCancel: () => void
}

const TITLES: Record<PanelKind, string> = { status: 'Set status', assign: 'Assign', merge: 'Merge into another item', link: 'Link an incident or flag' }

/**
 * One triage move on the current item or the selection: a small form that takes the focus when it opens,
 * answers in words, and gives the focus back (Esc or Cancel). Closing (done, won't do) asks for a note.
 */
export function ActionPanel({ kind, ids, subject, people, currentStatus, currentAssigneeId, onDone, onCancel }: ActionPanelProps) {
  const formRef = useRef<HTMLFormElement>(null)
  const [status, setStatus] = useState<FeedbackStatus>(currentStatus && currentStatus !== 'new' ? currentStatus : 'triaged')
  const [result, setResult] = useState<FormState | null>(null)
  const [pending, start] = useTransition()
  useEffect(() => formRef.current?.querySelector<HTMLElement>('select, input, textarea')?.focus(), [kind])
  const bulk = ids.length > 1
  const err = (f: string) => result?.fieldErrors?.[f]?.[0]

  function submit(form: FormData) {
    const data = Object.fromEntries(form.entries()) as Record<string, string>
    start(async () => {
      setResult(null)
      try {
        let r: FormState<unknown>
        if (kind === 'status') r = bulk ? await bulkFeedbackAction({ kind: 'status', ids, status: data.status, note: data.note || undefined }) : await setFeedbackStatusAction({ id: ids[0], status: data.status, note: data.note || undefined })
        else if (kind === 'assign') r = bulk ? await bulkFeedbackAction({ kind: 'assign', ids, assigneeId: data.assigneeId }) : await assignFeedbackAction({ id: ids[0], assigneeId: data.assigneeId })
        else if (kind === 'merge') r = await mergeFeedbackAction({ id: ids[0], into: data.into, note: data.note })
        else r = await linkFeedbackAction({ id: ids[0], incident: data.incident, flag: data.flag })
        if (r.ok) onDone(r.message ?? 'Done.')
        else setResult(r as FormState)
      } catch {
        setResult({ ok: false, message: 'Wardroom could not be reached. Check your connection and try again.' })
      }
    })
  }

  return (
    <form
      ref={formRef}
      aria-label={`${TITLES[kind]}: ${subject}`}
      className="space-y-3 rounded-md border border-accent-muted bg-surface p-3"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onCancel()
        }
      }}
      action={submit}
    >
      <p className="text-sm font-semibold">
        {TITLES[kind]} · {subject}
      </p>
      {kind === 'status' && (
        <>
          <SelectField label="Status" name="status" value={status} onChange={(e) => setStatus(e.target.value as FeedbackStatus)} error={err('status')}>
            {FEEDBACK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
          {isClosedStatus(status) && <TextareaField label="Why is it closed? (required)" name="note" rows={2} required maxLength={2000} error={err('note')} hint="Do not enter patient identifiers; the note is redacted anyway." />}
        </>
      )}
      {kind === 'assign' && (
        <SelectField label="Assignee" name="assigneeId" defaultValue={currentAssigneeId ?? 'none'} error={err('assigneeId')}>
          <option value="none">Nobody</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      )}
      {kind === 'merge' && (
        <>
          <InputField label="Merge into (FB-number)" name="into" required autoComplete="off" placeholder="FB-12" error={err('into')} />
          <TextareaField label="Note (required for a safety concern)" name="note" rows={2} maxLength={2000} error={err('note')} />
        </>
      )}
      {kind === 'link' && (
        <>
          <InputField label="Incident (INC-number, - to remove)" name="incident" autoComplete="off" placeholder="INC-12" error={err('incident')} />
          <InputField label="Flag key (- to remove)" name="flag" autoComplete="off" error={err('flagKey') ?? err('flag')} />
        </>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="primary" size="sm" loading={pending}>
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <p role="alert" className="text-sm font-medium text-critical-fg">
          {result && !result.ok ? result.message : ''}
        </p>
      </div>
    </form>
  )
}
