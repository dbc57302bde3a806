/** The operations guide's feature API: enable (percentage + target users), state, experiment events. */
import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createApiKey, createUser, request, routeParams } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { POST as enable } from '@/app/api/features/enable/route'
import { GET as state } from '@/app/api/features/[flagName]/route'
import { POST as events } from '@/app/api/features/events/route'
import { getSnapshot } from './snapshot'
import { evaluateFlag } from './evaluate'
import { flagKey, makeFlag } from '@/test/flag-factories'

let writeKey: string
let readKey: string
let eventsKey: string

beforeAll(async () => {
  writeKey = (await createApiKey(['flags:write'], 'staging')).key
  readKey = (await createApiKey(['read'], 'staging')).key
  eventsKey = (await createApiKey(['events:write'])).key
})

const post = (body: unknown) => enable(request('/api/features/enable', { method: 'POST', body, headers: { authorization: `Bearer ${writeKey}` } }))

describe('POST /api/features/enable', () => {
  it('starts a percentage rollout with target users in the key environment', async () => {
    const flag = await makeFlag({ key: flagKey('ai_engine') })
    const res = await post({ flag: flag.key, percentage: 50, targetUsers: ['user1', 'user2'] })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { environments: { environment: string; state: string; rollout: { percentage: number; stage: { number: number } } }[] }
    expect(body.environments).toHaveLength(1)
    expect(body.environments[0]).toMatchObject({ environment: 'staging', state: 'rolling_out', rollout: { percentage: 50, stage: { number: 3 } } })
    const cfg = (await getSnapshot()).environments.get('staging')!.flags.get(flag.key)!
    expect(evaluateFlag(cfg, { targetingKey: 'user2' })).toMatchObject({ value: true, reason: 'TARGETING_MATCH' })
    // Raising it keeps the plan; a second call updates it.
    expect((await post({ flag: flag.key, percentage: 75 })).status).toBe(200)
    expect(await db.rolloutPlan.count({ where: { flagId: flag.id } })).toBe(1)
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'flag.rollout.percentage', targetId: flag.key }, orderBy: { id: 'asc' } })
    expect(JSON.stringify(audit.summary)).not.toContain('user1')
  })

  it('answers 404 for an unknown flag and 422 for a bad percentage', async () => {
    expect((await post({ flag: flagKey('none'), percentage: 5 })).status).toBe(404)
    expect((await post({ flag: 'x_y', percentage: 140 })).status).toBe(422)
  })
})

describe('GET /api/features/:flagName', () => {
  it('shows state, rollout and rules to a read key (its environment) and to a signed-in reader (all)', async () => {
    const flag = await makeFlag({ key: flagKey('state') })
    await post({ flag: flag.key, percentage: 5 })
    const res = await state(request(`/api/features/${flag.key}`, { headers: { authorization: `Bearer ${readKey}` } }), routeParams({ flagName: flag.key }))
    expect(res.status).toBe(200)
    const body = (await res.json()) as { flag: string; environments: { environment: string; rollout: { stages: number[]; nextStageAt: string } }[] }
    expect(body.flag).toBe(flag.key)
    expect(body.environments.map((e) => e.environment)).toEqual(['staging'])
    expect(body.environments[0]!.rollout).toMatchObject({ stages: [5, 25, 50, 100], nextStageAt: expect.any(String) })
    signInAs(await createUser('viewer'))
    const all = (await (await state(request(`/api/features/${flag.key}`), routeParams({ flagName: flag.key }))).json()) as { environments: unknown[] }
    expect(all.environments).toHaveLength(3)
    signOut()
  })
})

describe('POST /api/features/events', () => {
  it('stores hashed subjects, drops duplicates, answers 202 { accepted, duplicates }', async () => {
    const flag = await makeFlag({ key: flagKey('exp') })
    const exp = await db.experiment.create({ data: { key: flagKey('exp'), name: 'Triage copy', flagId: flag.id, primaryMetric: { type: 'event', event: 'triage_completed' }, controlVariant: 'off', status: 'running' } })
    const batch = [
      { experiment: exp.key, variant: 'on', subject: 'clin-1', kind: 'exposure' },
      { experiment: exp.key, variant: 'on', subject: 'clin-1', kind: 'exposure' },
      { experiment: exp.key, variant: 'on', subject: 'clin-1', kind: 'conversion', at: '2026-03-01T10:00:00Z' },
      { experiment: exp.key, variant: 'off', subject: 'clin-2', kind: 'exposure' },
    ]
    const send = (body: unknown) => events(request('/api/features/events', { method: 'POST', body, headers: { authorization: `Bearer ${eventsKey}` } }))
    const res = await send({ events: batch })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 1 })
    expect(await (await send(batch)).json()).toEqual({ accepted: 0, duplicates: 4 })
    const rows = await db.experimentEvent.findMany({ where: { experimentId: exp.id } })
    expect(rows.map((r) => r.subject)).toContain(createHash('sha256').update('clin-1').digest('hex'))
    expect(rows.some((r) => r.subject.includes('clin'))).toBe(false)
    const bad = await send([{ experiment: 'nope', variant: 'on', subject: 's', kind: 'exposure' }])
    expect(bad.status).toBe(422)
    expect((await send([{ experiment: exp.key, variant: 'on', subject: 's', kind: 'click' }])).status).toBe(422)
  })
})
