'use server'
/**
 * Server actions of the incident board and incident page. Each adapts its form to a command
 * (commands.ts: authorise, write the change, its timeline and audit in one transaction, publish it) with
 * defineAction (session → permission → validate → run); then the pages are revalidated.
 * Moving on the board (acknowledge, set status, resolve, undo a resolution) needs incident:ack; the rest
 * incident:manage.
 */
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { INCIDENT_STATUS_LABELS } from '../severity'
import { defineAction, type FormState } from '../auth/guard'
import {
  acknowledgeIncident,
  addIncidentNote,
  assignIncident,
  changeSeverity,
  resolveIncident,
  savePostmortem,
  setIncidentStatus,
  undoResolveIncident,
} from './commands'
import { IncidentStatusSchema, NoteText, PostmortemAction, ResolutionNote, SeverityReason, SeveritySchema } from './schema'

export interface IncidentChangeData {
  id: string
  number: number
  status: string
  updatedAt: string
}

const BOARD_PATH = '/incidents'

function revalidate(id: string): void {
  revalidatePath(BOARD_PATH)
  revalidatePath(`${BOARD_PATH}/${id}`)
}

const IncidentId = z.uuid('Choose an incident')
/** An empty form field is "not given". */
const optionalText = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())

const STATUS_WORDS = { triggered: 'reopened', acknowledged: 'acknowledged', investigating: 'being investigated', resolved: 'resolved' } as const

function changed(incident: { id: string; number: number; status: keyof typeof STATUS_WORDS; updatedAt: Date }, message: string): FormState<IncidentChangeData> {
  return {
    ok: true,
    status: 200,
    message,
    data: { id: incident.id, number: incident.number, status: incident.status, updatedAt: incident.updatedAt.toISOString() },
  }
}

export const acknowledgeIncidentAction = defineAction('incident:ack', z.object({ incidentId: IncidentId }), async ({ incidentId }, { actor }) => {
  const incident = await acknowledgeIncident(actor, incidentId)
  revalidate(incidentId)
  return changed(incident, `INC-${incident.number} is ${STATUS_WORDS[incident.status]}.`)
})

export const setIncidentStatusAction = defineAction(
  'incident:ack',
  z.object({ incidentId: IncidentId, status: IncidentStatusSchema, note: optionalText(NoteText) }),
  async ({ incidentId, status, note }, { actor }) => {
    const incident = await setIncidentStatus(actor, incidentId, status, note)
    revalidate(incidentId)
    return changed(incident, `INC-${incident.number} is ${STATUS_WORDS[incident.status]}.`)
  },
)

export const resolveIncidentAction = defineAction(
  'incident:ack',
  z.object({ incidentId: IncidentId, reason: optionalText(ResolutionNote) }),
  async ({ incidentId, reason }, { actor }) => {
    const incident = await resolveIncident(actor, incidentId, reason)
    revalidate(incidentId)
    return changed(incident, `INC-${incident.number} is resolved.`)
  },
)

export const undoResolveIncidentAction = defineAction('incident:ack', z.object({ incidentId: IncidentId }), async ({ incidentId }, { actor }) => {
  const incident = await undoResolveIncident(actor, incidentId)
  revalidate(incidentId)
  return changed(incident, `Resolution undone: INC-${incident.number} is back in ${INCIDENT_STATUS_LABELS[incident.status]}.`)
})

export const assignIncidentAction = defineAction(
  'incident:manage',
  // An empty choice unassigns.
  z.object({ incidentId: IncidentId, assigneeId: z.union([z.literal(''), z.uuid('Choose a person')]).nullish() }),
  async ({ incidentId, assigneeId }, { actor }) => {
    const incident = await assignIncident(actor, incidentId, assigneeId || null)
    revalidate(incidentId)
    return changed(incident, incident.assigneeId ? `INC-${incident.number} is assigned.` : `INC-${incident.number} is unassigned.`)
  },
)

export const changeSeverityAction = defineAction(
  'incident:manage',
  z.object({ incidentId: IncidentId, severity: SeveritySchema, reason: SeverityReason }),
  async ({ incidentId, severity, reason }, { actor }) => {
    const incident = await changeSeverity(actor, incidentId, severity, reason)
    revalidate(incidentId)
    return changed(incident, `INC-${incident.number} is now ${incident.severity}.`)
  },
)

export const addIncidentNoteAction = defineAction(
  'incident:manage',
  z.object({ incidentId: IncidentId, text: NoteText }),
  async ({ incidentId, text }, { actor }): Promise<FormState> => {
    await addIncidentNote(actor, incidentId, text)
    revalidate(incidentId)
    return { ok: true, status: 201, message: 'Note added to the timeline.' }
  },
)

const ActionRow = PostmortemAction.extend({
  // Selects and date inputs send '' for "none".
  ownerId: z.preprocess((v) => (v === '' ? null : v), PostmortemAction.shape.ownerId),
  dueDate: z.preprocess((v) => (v === '' ? null : v), PostmortemAction.shape.dueDate),
})

export const savePostmortemAction = defineAction(
  'incident:manage',
  z.object({
    incidentId: IncidentId,
    summary: z.string().trim().max(10_000, 'At most 10,000 characters').default(''),
    rootCause: z.string().trim().max(10_000, 'At most 10,000 characters').default(''),
    impact: z.string().trim().max(10_000, 'At most 10,000 characters').default(''),
    actions: z.array(ActionRow).max(100, 'At most 100 follow-up actions').default([]),
  }),
  async ({ incidentId, ...postmortem }, { actor }): Promise<FormState> => {
    await savePostmortem(actor, incidentId, postmortem)
    revalidate(incidentId)
    return { ok: true, status: 200, message: 'Postmortem saved.' }
  },
)
