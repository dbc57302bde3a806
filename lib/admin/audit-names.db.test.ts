import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createApiKey, createUser, uid } from '@/test/factories'
import { auditNames, type AuditNameable } from './audit-names'

const row = (over: Partial<AuditNameable>): AuditNameable => ({ actorType: 'system', actorId: null, targetType: null, targetId: null, summary: null, ...over })

describe('auditNames', () => {
  it('names user actors, targets by id or e-mail, keys, incidents and people in a summary', async () => {
    const actor = await createUser('admin', { name: 'Ada Actor' })
    const target = await createUser('viewer', { name: 'Grace Target' })
    const seeded = await createUser('ops', { name: 'Seeded Person' })
    const assignee = await createUser('ops', { name: 'Alan Assignee' })
    const key = await createApiKey(['read'])
    const keyName = (await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).name
    const incident = await db.incident.create({ data: { title: uid('audit names'), severity: 'low', dedupKey: uid('dedup'), workflows: [] } })
    const subscription = await db.reportSubscription.create({ data: { period: 'weekly', userId: target.id } })
    const missing = randomUUID()

    const names = await auditNames([
      row({ actorType: 'user', actorId: actor.id, targetType: 'user', targetId: target.id, summary: { role: { from: 'viewer', to: 'ops' } } }),
      row({ targetType: 'user', targetId: seeded.email }),
      row({ actorType: 'apikey', actorId: key.id, targetType: 'apikey', targetId: key.id }),
      row({ actorType: 'user', actorId: actor.id, targetType: 'incident', targetId: incident.id, summary: { assignee: { from: null, to: assignee.id } } }),
      row({ targetType: 'report_subscription', targetId: subscription.id }),
      row({ targetType: 'flag', targetId: 'triage-v2' }),
      row({ targetType: 'incident', targetId: missing }),
    ])

    expect(names.people.get(actor.id)).toBe('Ada Actor')
    expect(names.people.get(assignee.id)).toBe('Alan Assignee')
    expect(names.targets.get(`user:${target.id}`)).toBe('Grace Target')
    expect(names.targets.get(`user:${seeded.email}`)).toBe('Seeded Person')
    expect(names.targets.get(`apikey:${key.id}`)).toBe(keyName)
    expect(names.targets.get(`incident:${incident.id}`)).toBe(`INC-${incident.number}`)
    expect(names.targets.get(`report_subscription:${subscription.id}`)).toBe('weekly SLA reports')
    // A flag's id is its key already; a deleted record keeps its id on the page.
    expect(names.targets.has('flag:triage-v2')).toBe(false)
    expect(names.targets.has(`incident:${missing}`)).toBe(false)
  })

  it('reads nothing for a page without ids', async () => {
    expect(await auditNames([row({}), row({ targetType: 'audit' })])).toEqual({ people: new Map(), targets: new Map() })
  })
})
