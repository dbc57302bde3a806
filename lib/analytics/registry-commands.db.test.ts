/** The registry page's and the workflow editor's commands: PMs only, each write audited, refusals in words. */
import { describe, expect, it } from 'vitest'
import { actorOfUser } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { setInsightStatus } from './insight-commands'
import { createWorkflow, deleteWorkflow, registerEventType, updateWorkflow } from './registry-commands'
import { RegisterEventForm } from './registry-schema'
import { getWorkflow } from './workflows'

const name = (p: string) => uid(p).replace(/-/g, '_')

async function registeredEvents(n: number): Promise<string[]> {
  const names = Array.from({ length: n }, (_, i) => name(`wf_step${i}`))
  await db.analyticsEventType.createMany({ data: names.map((n) => ({ name: n, status: 'registered', properties: { outcome: 'string' } })) })
  return names
}

const definition = (key: string, events: string[]) => ({
  key,
  name: 'Test workflow',
  steps: events.map((event, i) => ({ event, filters: {}, label: `Step ${i + 1}` })),
  conversionWindowMs: 3_600_000,
})

describe('registerEventType', () => {
  it('registers a quarantined event with typed properties, owner and description, audited', async () => {
    const event = name('sepsis_alert')
    await db.analyticsEventType.create({ data: { name: event, status: 'quarantined', droppedProperties: 4n } })
    const pm = actorOfUser(await createUser('pm'))
    const form = RegisterEventForm.parse({
      name: event,
      owner: 'sepsis-ai',
      description: 'The sepsis alert is shown',
      properties: [
        { name: 'score', type: 'number' },
        { name: 'acknowledged', type: 'boolean' },
      ],
    })
    expect(await registerEventType(pm, form)).toEqual({ created: false })
    expect(await db.analyticsEventType.findUnique({ where: { name: event } })).toMatchObject({
      status: 'registered',
      owner: 'sepsis-ai',
      description: 'The sepsis alert is shown',
      properties: { score: 'number', acknowledged: 'boolean' },
      droppedProperties: 4n,
    })
    const audit = await db.auditLog.findFirst({ where: { action: 'analytics.event_type.register', targetId: event } })
    expect(audit).toMatchObject({ actorId: pm.id, summary: { from: 'quarantined', properties: ['score', 'acknowledged'] } })
  })

  it('refuses a viewer and names a duplicate property at its row', async () => {
    const viewer = actorOfUser(await createUser('viewer'))
    await expect(registerEventType(viewer, RegisterEventForm.parse({ name: name('x'), owner: 'team' }))).rejects.toMatchObject({ status: 403 })
    const twice = RegisterEventForm.safeParse({ name: 'x_event', owner: 'o', properties: [{ name: 'a', type: 'string' }, { name: 'a', type: 'number' }] })
    expect(twice.success).toBe(false)
    expect(twice.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['properties.1.name', 'a is listed twice']])
    expect(RegisterEventForm.safeParse({ name: 'x_event', owner: ' ' }).success).toBe(false)
  })
})

describe('workflow commands', () => {
  it('creates, changes and deletes a workflow, each audited', async () => {
    const pm = actorOfUser(await createUser('pm'))
    const events = await registeredEvents(3)
    const key = name('wf')
    expect(await createWorkflow(pm, definition(key, events.slice(0, 2)))).toEqual({ key })
    await updateWorkflow(pm, { ...definition(key, events), orderMode: 'strict', exclusions: [] })
    expect(await getWorkflow(key)).toMatchObject({ orderMode: 'strict', steps: events.map((event) => ({ event })) })
    expect(await deleteWorkflow(pm, key)).toEqual({ key, name: 'Test workflow' })
    expect(await getWorkflow(key)).toBeNull()
    const actions = await db.auditLog.findMany({ where: { targetType: 'analytics_workflow', targetId: key }, orderBy: { id: 'asc' }, select: { action: true, actorId: true } })
    expect(actions).toEqual([
      { action: 'analytics.workflow.create', actorId: pm.id },
      { action: 'analytics.workflow.update', actorId: pm.id },
      { action: 'analytics.workflow.delete', actorId: pm.id },
    ])
  })

  it('refuses a taken key, an unknown key, quarantined events and people without analytics:manage', async () => {
    const pm = actorOfUser(await createUser('pm'))
    const events = await registeredEvents(2)
    const key = name('wf')
    await createWorkflow(pm, definition(key, events))
    await expect(createWorkflow(pm, definition(key, events))).rejects.toMatchObject({ status: 409, fields: { key: [expect.stringContaining('already exists')] } })
    await expect(updateWorkflow(pm, definition(name('wf_missing'), events))).rejects.toMatchObject({ status: 404 })
    await expect(deleteWorkflow(pm, name('wf_missing'))).rejects.toMatchObject({ status: 404 })

    const unknown = name('never_registered')
    await db.analyticsEventType.create({ data: { name: unknown, status: 'quarantined' } })
    await expect(updateWorkflow(pm, definition(key, [events[0]!, unknown]))).rejects.toMatchObject({
      status: 422,
      fields: { 'steps.1.event': [`${unknown} is not a registered event: register it on the event registry first`] },
    })

    for (const role of ['viewer', 'executive', 'ops'] as const) {
      const actor = actorOfUser(await createUser(role))
      await expect(createWorkflow(actor, definition(name('wf'), events))).rejects.toMatchObject({ status: 403 })
      await expect(deleteWorkflow(actor, key)).rejects.toMatchObject({ status: 403 })
    }
    expect(await db.auditLog.count({ where: { targetType: 'analytics_workflow', targetId: key } })).toBe(1)
  })
})

describe('setInsightStatus', () => {
  async function insight(status = 'open') {
    const day = new Date('2026-11-01T00:00:00Z')
    return db.analyticsInsight.create({
      data: {
        kind: 'dropoff_increase',
        workflowKey: name('wf'),
        step: 2,
        stepLabel: 'Vitals recorded',
        periodFrom: day,
        periodTo: day,
        previousFrom: day,
        previousTo: day,
        currentBase: 100,
        currentLost: 30,
        previousBase: 100,
        previousLost: 15,
        zScore: 2.5,
        pValue: 0.006,
        priority: 'high',
        status,
      },
    })
  }

  it('dismisses and reopens, audited once per change', async () => {
    const pm = actorOfUser(await createUser('pm'))
    const row = await insight()
    expect(await setInsightStatus(pm, { id: row.id, status: 'dismissed' })).toMatchObject({ changed: true })
    expect(await setInsightStatus(pm, { id: row.id, status: 'dismissed' })).toMatchObject({ changed: false })
    expect(await setInsightStatus(pm, { id: row.id, status: 'open' })).toMatchObject({ changed: true })
    const audits = await db.auditLog.findMany({ where: { targetType: 'analytics_insight', targetId: row.id }, orderBy: { id: 'asc' }, select: { action: true } })
    expect(audits.map((a) => a.action)).toEqual(['analytics.insight.dismiss', 'analytics.insight.reopen'])
  })

  it('refuses viewers, unknown ids and insights that are feedback tasks already', async () => {
    const viewer = actorOfUser(await createUser('viewer'))
    const pm = actorOfUser(await createUser('pm'))
    const row = await insight()
    await expect(setInsightStatus(viewer, { id: row.id, status: 'dismissed' })).rejects.toMatchObject({ status: 403 })
    await expect(setInsightStatus(pm, { id: '00000000-0000-4000-8000-000000000000', status: 'dismissed' })).rejects.toMatchObject({ status: 404 })
    const task = await insight('task_created')
    await expect(setInsightStatus(pm, { id: task.id, status: 'dismissed' })).rejects.toMatchObject({ status: 409 })
    expect(await db.analyticsInsight.findUnique({ where: { id: row.id }, select: { status: true } })).toEqual({ status: 'open' })
  })
})
