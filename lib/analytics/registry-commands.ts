/**
 * The write side of the event registry page and the workflow editor, for PMs (analytics:manage), each in
 * one transaction with its audit row: registering or editing an event type (event-types.ts), creating,
 * changing and deleting a workflow. A workflow's steps and exclusions must name registered events: an
 * unknown or quarantined event carries no properties and could only ever be matched by name.
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { conflict, notFound, unprocessable, type FieldErrors } from '../errors'
import { inTransaction, type Tx } from '../tx'
import { saveEventType } from './event-types'
import { BUILTIN_EVENT_TYPES } from './normalize'
import type { RegisterEventForm } from './registry-schema'
import { WorkflowDefinition, type WorkflowDefinitionInput } from './workflow-schema'
import { saveWorkflow } from './workflows'

/** Registers a quarantined event, or edits a registered one (its owner, description, allowed properties). */
export async function registerEventType(actor: Actor, form: RegisterEventForm): Promise<{ created: boolean }> {
  return saveEventType(actor, {
    name: form.name,
    status: 'registered',
    owner: form.owner,
    description: form.description || undefined,
    properties: Object.fromEntries(form.properties.map((p) => [p.name, p.type])),
  })
}

/** Field errors for the steps and exclusions that name an event the registry does not allow. */
async function unregisteredEventErrors(tx: Tx, w: WorkflowDefinition): Promise<FieldErrors> {
  const names = [...new Set([...w.steps, ...w.exclusions].map((s) => s.event))].filter((e) => !(e in BUILTIN_EVENT_TYPES))
  const rows = await tx.analyticsEventType.findMany({ where: { name: { in: names }, status: 'registered' }, select: { name: true } })
  const registered = new Set(rows.map((r) => r.name))
  const errors: FieldErrors = {}
  const check = (event: string, path: string) => {
    if (!(event in BUILTIN_EVENT_TYPES) && !registered.has(event)) errors[path] = [`${event} is not a registered event: register it on the event registry first`]
  }
  w.steps.forEach((s, i) => check(s.event, `steps.${i}.event`))
  w.exclusions.forEach((x, i) => check(x.event, `exclusions.${i}.event`))
  return errors
}

async function assertRegisteredEvents(tx: Tx, w: WorkflowDefinition): Promise<void> {
  const errors = await unregisteredEventErrors(tx, w)
  if (Object.keys(errors).length > 0) throw unprocessable('A workflow is made of registered events', errors)
}

const auditSummary = (w: WorkflowDefinition) => ({ key: w.key, steps: w.steps.map((s) => s.event), orderMode: w.orderMode, exclusions: w.exclusions.length })

/** A new workflow; its key must be free (409 otherwise: a new workflow never replaces another). */
export async function createWorkflow(actor: Actor, input: WorkflowDefinitionInput): Promise<{ key: string }> {
  authorize(actor, 'analytics:manage')
  const w = WorkflowDefinition.parse(input)
  return inTransaction(async (tx) => {
    await assertRegisteredEvents(tx, w)
    if (await tx.analyticsWorkflow.findUnique({ where: { key: w.key }, select: { key: true } })) {
      throw conflict('A workflow with this key already exists', { key: ['A workflow with this key already exists: choose another key'] })
    }
    const data = { name: w.name, description: w.description ?? null, steps: w.steps, conversionWindowMs: w.conversionWindowMs, orderMode: w.orderMode, exclusions: w.exclusions }
    await tx.analyticsWorkflow.create({ data: { key: w.key, ...data } })
    await recordAudit(actor, { action: 'analytics.workflow.create', targetType: 'analytics_workflow', targetId: w.key, summary: auditSummary(w) }, tx)
    return { key: w.key }
  })
}

/** Changes an existing workflow (saveWorkflow writes and audits it); an unknown key is 404, not a creation. */
export async function updateWorkflow(actor: Actor, input: WorkflowDefinitionInput): Promise<{ key: string }> {
  authorize(actor, 'analytics:manage')
  const w = WorkflowDefinition.parse(input)
  await inTransaction(async (tx) => {
    if (!(await tx.analyticsWorkflow.findUnique({ where: { key: w.key }, select: { key: true } }))) throw notFound('No workflow has this key')
    await assertRegisteredEvents(tx, w)
  })
  await saveWorkflow(actor, w)
  return { key: w.key }
}

/** Deletes a workflow's definition. Its insights stay (they record what was found) and name its key. */
export async function deleteWorkflow(actor: Actor, key: string): Promise<{ key: string; name: string }> {
  authorize(actor, 'analytics:manage')
  return inTransaction(async (tx) => {
    const row = await tx.analyticsWorkflow.findUnique({ where: { key }, select: { key: true, name: true, steps: true } })
    if (!row) throw notFound('No workflow has this key')
    await tx.analyticsWorkflow.delete({ where: { key } })
    const steps = Array.isArray(row.steps) ? row.steps.map((s) => (s && typeof s === 'object' && 'event' in s ? String(s.event) : '?')) : []
    await recordAudit(actor, { action: 'analytics.workflow.delete', targetType: 'analytics_workflow', targetId: key, summary: { key, name: row.name, steps } }, tx)
    return { key, name: row.name }
  })
}
