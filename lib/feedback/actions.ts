'use server'
/**
 * Server actions of the triage pages: each is guarded (defineAction: session → permission → parse), calls a
 * command (status.ts, merge.ts, saved-filters.ts: authorise, write, audit), revalidates /feedback and says
 * what happened in words. Bulk actions run the same command per item, so each change is audited on its own.
 */
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { defineAction } from '../auth/guard'
import { db } from '../db'
import { unprocessable } from '../errors'
import { DeleteFilterInput, SaveFilterInput } from './inbox-filter'
import { MergeFeedbackInput, mergeFeedback } from './merge'
import { deleteInboxFilter, saveInboxFilter } from './saved-filters'
import { FEEDBACK_STATUSES, MAX_NOTE } from './schema'
import { assignFeedback, linkFeedback, setFeedbackStatus } from './status'

const STATUS_WORDS: Record<(typeof FEEDBACK_STATUSES)[number], string> = {
  new: 'new',
  triaged: 'triaged',
  in_progress: 'in progress',
  planned: 'planned',
  done: 'done',
  wont_do: 'won’t do',
}

const refresh = (id?: string) => {
  revalidatePath('/feedback')
  if (id) revalidatePath(`/feedback/${id}`)
}

const StatusForm = z.object({
  id: z.uuid(),
  status: z.enum(FEEDBACK_STATUSES, 'Choose a status'),
  note: z.string().max(MAX_NOTE, `At most ${MAX_NOTE} characters`).optional(),
})

export const setFeedbackStatusAction = defineAction('feedback:triage', StatusForm, async (form, { actor }) => {
  const { changed } = await setFeedbackStatus(actor, form)
  refresh(form.id)
  return { ok: true, status: 200, message: changed ? `Status set to ${STATUS_WORDS[form.status]}.` : `It was already ${STATUS_WORDS[form.status]}.` }
})

const AssignForm = z.object({ id: z.uuid(), assigneeId: z.preprocess((v) => (v === '' || v === 'none' ? null : v), z.uuid('Choose a person').nullable()) })

export const assignFeedbackAction = defineAction('feedback:triage', AssignForm, async (form, { actor }) => {
  const { changed } = await assignFeedback(actor, form)
  refresh(form.id)
  return { ok: true, status: 200, message: !changed ? 'Nothing changed.' : form.assigneeId ? 'Assigned.' : 'Unassigned.' }
})

export const mergeFeedbackAction = defineAction('feedback:triage', MergeFeedbackInput, async (form, { actor }) => {
  const { number, into } = await mergeFeedback(actor, form)
  refresh(form.id)
  return { ok: true, status: 200, message: `FB-${number} was merged into FB-${into}.` }
})

/** `INC-12` / `12` links an incident, a flag key links a flag, `-` removes that link, blank keeps it. */
const LinkForm = z
  .object({
    id: z.uuid(),
    incident: z.string().trim().max(40).optional(),
    flag: z.string().trim().max(100).optional(),
  })
  .refine((f) => Boolean(f.incident) || Boolean(f.flag), { path: ['incident'], message: 'Give an incident (INC-number) or a flag key' })

export const linkFeedbackAction = defineAction('feedback:triage', LinkForm, async (form, { actor }) => {
  let incidentId: string | null | undefined
  if (form.incident === '-') incidentId = null
  else if (form.incident) {
    const n = form.incident.replace(/^inc-/i, '')
    const incident = /^\d{1,9}$/.test(n) ? await db.incident.findUnique({ where: { number: Number(n) }, select: { id: true } }) : null
    if (!incident) throw unprocessable('There is no such incident', { incident: ['Give an incident number such as INC-12'] })
    incidentId = incident.id
  }
  const flagKey = form.flag === '-' ? null : form.flag || undefined
  const { changed } = await linkFeedback(actor, { id: form.id, incidentId, flagKey })
  refresh(form.id)
  return { ok: true, status: 200, message: changed ? 'Links saved.' : 'Nothing changed.' }
})

const Ids = z.array(z.uuid()).min(1, 'Select at least one item').max(100, 'At most 100 items at once')
const BulkForm = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), ids: Ids, status: z.enum(FEEDBACK_STATUSES, 'Choose a status'), note: z.string().max(MAX_NOTE).optional() }),
  z.object({ kind: z.literal('assign'), ids: Ids, assigneeId: z.preprocess((v) => (v === '' || v === 'none' ? null : v), z.uuid('Choose a person').nullable()) }),
])

export const bulkFeedbackAction = defineAction('feedback:triage', BulkForm, async (form, { actor }) => {
  let changed = 0
  for (const id of form.ids) {
    const r = form.kind === 'status' ? await setFeedbackStatus(actor, { id, status: form.status, note: form.note }) : await assignFeedback(actor, { id, assigneeId: form.assigneeId })
    if (r.changed) changed++
  }
  refresh()
  const what = form.kind === 'status' ? `set to ${STATUS_WORDS[form.status]}` : form.assigneeId ? 'assigned' : 'unassigned'
  return { ok: true, status: 200, message: `${changed} of ${form.ids.length} ${form.ids.length === 1 ? 'item' : 'items'} ${what}.` }
})

export const saveInboxFilterAction = defineAction('feedback:read', SaveFilterInput, async (form, { actor }) => {
  const row = await saveInboxFilter(actor, { name: form.name, query: form.query })
  refresh()
  return { ok: true, status: 200, message: `Saved “${row.name}”.`, data: row }
})

export const deleteInboxFilterAction = defineAction('feedback:read', DeleteFilterInput, async (form, { actor }) => {
  const { name } = await deleteInboxFilter(actor, form)
  refresh()
  return { ok: true, status: 200, message: `Deleted “${name}”.` }
})
