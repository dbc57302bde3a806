/** Cockpit reads: list with per-environment state, the flag page's full picture, the change-request queue. */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createUser } from '@/test/factories'
import { actorOfUser, systemActor } from '@/lib/auth/actor'
import type { SessionUser } from '@/lib/auth/session'
import { getFlagDetail, listChangeRequests, listFlags } from './queries'
import { recordCompliance } from './commands/compliance'
import { updateEnvironment } from './commands/environments'
import { startRollout } from './commands/rollouts'
import { ComplianceInput, RolloutInput } from './schema'
import { flagKey, makeFlag } from '@/test/flag-factories'

let pm: SessionUser
let key: string
let gated: string

beforeAll(async () => {
  pm = await createUser('pm')
  key = flagKey('q_list')
  await makeFlag({ key, tags: ['triage'], owner: 'ED AI' })
  await startRollout(systemActor(), key, 'production', RolloutInput.parse({ variant: 'on' }))
  gated = flagKey('q_gated')
  await makeFlag({ key: gated, category: 'diagnostic' })
  await recordCompliance(actorOfUser(pm), gated, ComplianceInput.parse({ kind: 'clinical_validation', reference: 'CV-1', date: '2026-01-02' }))
  await updateEnvironment(actorOfUser(pm), gated, 'production', { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } })
  await db.flagEvaluationCount.create({ data: { flagKey: key, environment: 'production', variant: 'on', hour: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000), count: 42n } })
})

describe('flag queries', () => {
  it('lists flags with filters and per-environment serving', async () => {
    const list = await listFlags({ q: key })
    expect(list).toHaveLength(1)
    const item = list[0]!
    expect(item.environments.map((e) => e.environment)).toEqual(['development', 'staging', 'production'])
    expect(item.environments[2]).toMatchObject({ enabled: true, rolloutPercentage: 5, rolloutStatus: 'running', serving: 'on to 5 %' })
    expect(await listFlags({ q: key, tag: 'nope' })).toHaveLength(0)
    expect((await listFlags({ q: gated }))[0]).toMatchObject({ gated: true, pendingChangeRequests: 1 })
  })

  it('returns the flag page picture: rollout with next step, gates, history, counts', async () => {
    const d = (await getFlagDetail(key))!
    const prod = d.environments.find((e) => e.environment === 'production')!
    expect(prod.rollout).toMatchObject({ percentage: 5, stages: [5, 25, 50, 100], currentStage: 0, progress: 0.05, status: 'running' })
    expect(prod.rollout!.nextStageAt!.getTime()).toBeGreaterThan(Date.now())
    expect(d.history.map((h) => h.type)).toEqual(['rollout_started', 'created'])
    expect(d.evaluationCounts).toEqual([{ environment: 'production', variant: 'on', count: 42 }])
    expect(d.gates).toEqual([])
    const g = (await getFlagDetail(gated))!
    expect(g.gates.map((x) => [x.gate, x.satisfied])).toEqual([
      ['clinical_validation', true],
      ['four_eyes', false],
    ])
    expect(g.compliance[0]).toMatchObject({ kind: 'clinical_validation', recordedBy: pm.name })
    expect(g.changeRequests[0]).toMatchObject({ status: 'pending', requestedBy: { id: pm.id }, summary: 'Turn on: default serve on' })
    expect(await getFlagDetail(flagKey('missing'))).toBeNull()
  })

  it('lists change requests by status', async () => {
    const pending = await listChangeRequests('pending')
    expect(pending.some((c) => c.flagKey === gated)).toBe(true)
    expect((await listChangeRequests('applied')).some((c) => c.flagKey === gated)).toBe(false)
  })
})
