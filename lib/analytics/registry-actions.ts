'use server'
/**
 * Server actions of the event registry, the workflow editor and the insights list: each validates its
 * form, calls a command (registry-commands.ts, insight-commands.ts: authorise, write, audit), revalidates
 * the pages that show it and says what happened.
 */
import { revalidatePath } from 'next/cache'
import { defineAction } from '../auth/guard'
import { setInsightStatus } from './insight-commands'
import { createWorkflow, deleteWorkflow, registerEventType, updateWorkflow } from './registry-commands'
import { InsightStatusInput, RegisterEventForm, WorkflowKeyInput } from './registry-schema'
import { WorkflowDefinition } from './workflow-schema'

const EVENTS = '/analytics/events'
const workflowPath = (key: string) => `/analytics/workflows/${encodeURIComponent(key)}`

export const registerEventAction = defineAction('analytics:manage', RegisterEventForm, async (form, { actor }) => {
  const { created } = await registerEventType(actor, form)
  revalidatePath(EVENTS)
  return { ok: true, status: created ? 201 : 200, message: `${form.name} is registered. Events that arrive from now on keep its allowed properties.` }
})

export const createWorkflowAction = defineAction('analytics:manage', WorkflowDefinition, async (input, { actor }) => {
  const { key } = await createWorkflow(actor, input)
  revalidatePath('/analytics', 'layout')
  return { ok: true, status: 201, message: `${input.name} was created.`, data: { key } }
})

export const updateWorkflowAction = defineAction('analytics:manage', WorkflowDefinition, async (input, { actor }) => {
  const { key } = await updateWorkflow(actor, input)
  revalidatePath('/analytics', 'layout')
  revalidatePath(workflowPath(key))
  return { ok: true, status: 200, message: `${input.name} was saved. Funnels and the next insights run use the new definition.`, data: { key } }
})

export const deleteWorkflowAction = defineAction('analytics:manage', WorkflowKeyInput, async ({ key }, { actor }) => {
  const { name } = await deleteWorkflow(actor, key)
  revalidatePath('/analytics', 'layout')
  return { ok: true, status: 200, message: `${name} was deleted. Its insights stay listed under its key.` }
})

export const setInsightStatusAction = defineAction('analytics:manage', InsightStatusInput, async (input, { actor }) => {
  const { changed, stepLabel } = await setInsightStatus(actor, input)
  revalidatePath('/analytics/insights')
  const word = input.status === 'dismissed' ? 'dismissed' : 'open again'
  return { ok: true, status: 200, message: changed ? `The insight about “${stepLabel}” is ${word}.` : `The insight about “${stepLabel}” was already ${word}.` }
})
