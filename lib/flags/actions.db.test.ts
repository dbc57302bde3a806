import { beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import type { Role } from '@/lib/rbac'
import type { SessionUser } from '@/lib/auth/session'
import { createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import {
  applyChangeRequestAction,
  approveChangeRequestAction,
  createFlagAction,
  editChangeRequestAction,
  pauseRolloutAction,
  recordComplianceAction,
  rejectChangeRequestAction,
  resumeRolloutAction,
  rollbackNowAction,
  setKillSwitchAction,
  startRolloutAction,
  updateEnvironmentAction,
  updateFlagAction,
  withdrawChangeRequestAction,
} from './actions'
import type { EnvironmentConfig } from './schema'

// revalidatePath needs a Next request; outside one it throws.
vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

const flagKey = () => uid('f').replace(/-/g, '_')
const on: EnvironmentConfig = { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } }

async function auditOf(action: string, flag: string) {
  return db.auditLog.findFirst({ where: { action, targetType: 'flag', targetId: flag }, orderBy: { id: 'desc' } })
}

async function envRow(key: string, environment: string) {
  const flag = await db.flag.findUniqueOrThrow({ where: { key } })
  return db.flagEnvironment.findUniqueOrThrow({ where: { flagId_environment: { flagId: flag.id, environment } } })
}

let pm: SessionUser
let pm2: SessionUser

/** A boolean flag created through the action, as `pm`. */
async function newFlag(extra: Record<string, unknown> = {}): Promise<string> {
  signInAs(pm)
  const key = flagKey()
  const res = await createFlagAction({ key, name: 'Sepsis alert', type: 'boolean', ...extra })
  expect(res, JSON.stringify(res)).toMatchObject({ ok: true, status: 201 })
  return key
}

beforeEach(async () => {
  pm = await createUser('pm')
  pm2 = await createUser('pm')
  signOut()
})

describe('permissions', () => {
  const input = { flagKey: 'x_flag', environment: 'staging', key: 'x_flag', name: 'x', type: 'boolean', id: '00000000-0000-4000-8000-000000000000' }
  const cases: [string, (i: unknown) => Promise<{ status?: number }>, Role[]][] = [
    // Operations hold the emergency controls only (kill switch, pause, roll back): lib/rbac.ts.
    ['createFlagAction', createFlagAction, ['viewer', 'executive', 'clinician', 'ops']],
    ['updateFlagAction', updateFlagAction, ['viewer', 'executive', 'ops']],
    ['updateEnvironmentAction', updateEnvironmentAction, ['viewer', 'executive', 'ops']],
    ['setKillSwitchAction', setKillSwitchAction, ['viewer', 'clinician']],
    ['startRolloutAction', startRolloutAction, ['viewer', 'ops']],
    ['pauseRolloutAction', pauseRolloutAction, ['viewer']],
    ['resumeRolloutAction', resumeRolloutAction, ['viewer', 'ops']],
    ['rollbackNowAction', rollbackNowAction, ['viewer']],
    ['recordComplianceAction', recordComplianceAction, ['viewer', 'ops']],
    ['approveChangeRequestAction', approveChangeRequestAction, ['viewer', 'ops']],
    ['rejectChangeRequestAction', rejectChangeRequestAction, ['viewer', 'ops']],
    ['withdrawChangeRequestAction', withdrawChangeRequestAction, ['viewer']],
    ['editChangeRequestAction', editChangeRequestAction, ['viewer', 'ops']],
    ['applyChangeRequestAction', applyChangeRequestAction, ['viewer', 'executive']],
  ]
  for (const [name, action, roles] of cases) {
    it(`${name}: 401 signed out, 403 for ${roles.join(', ')}`, async () => {
      expect((await action(input)).status).toBe(401)
      for (const role of roles) {
        signInAs(await createUser(role))
        expect((await action(input)).status, role).toBe(403)
      }
    })
  }
})

describe('createFlagAction', () => {
  it('creates a boolean flag off everywhere, records its history and audits', async () => {
    const key = await newFlag({ tags: 'sepsis, ed', category: 'operational', owner: 'ED informatics' })
    const flag = await db.flag.findUniqueOrThrow({ where: { key }, include: { environments: true, events: true } })
    expect(flag.variants).toEqual([
      { key: 'off', value: false, name: 'Off' },
      { key: 'on', value: true, name: 'On' },
    ])
    expect(flag.tags).toEqual(['sepsis', 'ed'])
    expect(flag.environments.map((e) => [e.environment, e.enabled]).sort()).toEqual([
      ['development', false],
      ['production', false],
      ['staging', false],
    ])
    expect(flag.events.map((e) => e.type)).toEqual(['created'])
    expect((await auditOf('flag.create', key))?.actorId).toBe(pm.id)
  })

  it('parses typed variants from the text box', async () => {
    const key = await newFlag({ type: 'json', variantsText: 'v1 = {"model": "a"}\nv2 = {"model": "b"}' })
    const flag = await db.flag.findUniqueOrThrow({ where: { key } })
    expect(flag.variants).toEqual([
      { key: 'v1', value: { model: 'a' } },
      { key: 'v2', value: { model: 'b' } },
    ])
  })

  it('422 names the field; 409 for a key already used', async () => {
    signInAs(pm)
    const bad = await createFlagAction({ key: 'Bad Key', name: '', type: 'number', variantsText: 'low = abc' })
    expect(bad).toMatchObject({ ok: false, status: 422 })
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['key', 'name'])
    const badVariants = await createFlagAction({ key: flagKey(), name: 'x', type: 'number', variantsText: 'low = abc' })
    expect(badVariants.fieldErrors?.variantsText?.[0]).toMatch(/not a number/)

    const key = await newFlag()
    const dup = await createFlagAction({ key, name: 'Again', type: 'boolean' })
    expect(dup).toMatchObject({ ok: false, status: 409 })
    expect(dup.fieldErrors?.key).toBeDefined()
  })
})

describe('updateFlagAction', () => {
  it('saves details of an ungated flag at once', async () => {
    const key = await newFlag()
    const res = await updateFlagAction({ flagKey: key, name: 'Sepsis alert v2', owner: 'Team B', tags: 'sepsis', category: 'operational', lifecycle: 'active', guardedSloKeys: '' })
    expect(res).toMatchObject({ ok: true, status: 200 })
    expect((await db.flag.findUniqueOrThrow({ where: { key } })).name).toBe('Sepsis alert v2')
    expect(await auditOf('flag.update', key)).not.toBeNull()
  })

  it('422 for an unknown guarded SLO', async () => {
    const key = await newFlag()
    const res = await updateFlagAction({ flagKey: key, name: 'x', category: 'operational', lifecycle: 'active', guardedSloKeys: uid('no-such-slo') })
    expect(res).toMatchObject({ ok: false, status: 422 })
    expect(res.fieldErrors?.guardedSloKeys).toBeDefined()
  })
})

describe('updateEnvironmentAction', () => {
  it('applies a staging change at once and bumps the version', async () => {
    const key = await newFlag()
    const before = await envRow(key, 'staging')
    const res = await updateEnvironmentAction({ flagKey: key, environment: 'staging', config: on })
    expect(res).toMatchObject({ ok: true, status: 200, data: { applied: true } })
    const after = await envRow(key, 'staging')
    expect(after.enabled).toBe(true)
    expect(after.version).toBeGreaterThan(before.version)
    expect(await auditOf('flag.environment.update', key)).not.toBeNull()
  })

  it('422 for a variant the flag does not have', async () => {
    const key = await newFlag()
    const res = await updateEnvironmentAction({ flagKey: key, environment: 'staging', config: { ...on, defaultServe: { variant: 'maybe' } } })
    expect(res).toMatchObject({ ok: false, status: 422 })
  })

  it('404 for an unknown flag', async () => {
    signInAs(pm)
    expect((await updateEnvironmentAction({ flagKey: flagKey(), environment: 'staging', config: on })).status).toBe(404)
  })
})

describe('gates and 4-eyes', () => {
  it('403 names the missing compliance gate; nothing changes', async () => {
    const key = await newFlag({ tags: 'hipaa' })
    const res = await updateEnvironmentAction({ flagKey: key, environment: 'production', config: on })
    expect(res).toMatchObject({ ok: false, status: 403 })
    expect(res.message).toMatch(/HIPAA review/)
    expect(res.fieldErrors?.gate).toEqual(['hipaa_review'])
    expect((await envRow(key, 'production')).enabled).toBe(false)
  })

  it('an FDA approval needs its scope', async () => {
    const key = await newFlag({ category: 'clinical_decision_support' })
    const res = await recordComplianceAction({ flagKey: key, kind: 'fda_approval', reference: 'K231234', date: '2026-02-01', scope: '' })
    expect(res).toMatchObject({ ok: false, status: 422 })
    expect(res.fieldErrors?.scope).toBeDefined()
  })

  it('with the evidence recorded, a production change waits for a second person, who approves; then it applies', async () => {
    const key = await newFlag({ tags: 'hipaa' })
    const rec = await recordComplianceAction({ flagKey: key, kind: 'hipaa_review', reference: 'PRIV-42', date: '2026-02-01', scope: 'ED only' })
    expect(rec).toMatchObject({ ok: true, status: 201 })
    expect(await auditOf('flag.compliance.record', key)).not.toBeNull()

    const res = await updateEnvironmentAction({ flagKey: key, environment: 'production', config: on })
    expect(res).toMatchObject({ ok: true, status: 202, data: { applied: false } })
    expect(res.message).toMatch(/^Waiting for approval/)
    const id = res.data!.changeRequestId!
    expect((await envRow(key, 'production')).enabled).toBe(false)

    // The requester can neither approve nor apply their own request.
    const self = await approveChangeRequestAction({ id })
    expect(self).toMatchObject({ ok: false, status: 409 })
    expect(self.message).toMatch(/second person/)
    expect((await applyChangeRequestAction({ id })).status).toBe(409)

    signInAs(pm2)
    expect(await approveChangeRequestAction({ id })).toMatchObject({ ok: true, status: 200 })
    expect(await auditOf('flag.change_request.approve', key)).toMatchObject({ actorId: pm2.id })
    expect((await envRow(key, 'production')).enabled).toBe(false)

    signInAs(pm)
    expect(await applyChangeRequestAction({ id })).toMatchObject({ ok: true, status: 200 })
    expect((await envRow(key, 'production')).enabled).toBe(true)
    expect(await db.flagChangeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'applied', approvedById: pm2.id })
    expect(await auditOf('flag.change_request.apply', key)).not.toBeNull()
  })

  it('editing an approved request voids the approval', async () => {
    const key = await newFlag({ tags: 'hipaa' })
    await recordComplianceAction({ flagKey: key, kind: 'hipaa_review', reference: 'PRIV-43', date: '2026-02-01', scope: '' })
    const id = (await updateEnvironmentAction({ flagKey: key, environment: 'production', config: on })).data!.changeRequestId!
    signInAs(pm2)
    await approveChangeRequestAction({ id })
    signInAs(pm)
    const split: EnvironmentConfig = { ...on, defaultServe: { split: [{ variant: 'on', weight: 10 }, { variant: 'off', weight: 90 }] } }
    const edit = await editChangeRequestAction({ id, payload: { kind: 'environment', config: split } })
    expect(edit).toMatchObject({ ok: true, status: 200 })
    expect(edit.message).toMatch(/approval was voided/)
    expect((await db.flagChangeRequest.findUniqueOrThrow({ where: { id } })).status).toBe('pending')
    expect((await applyChangeRequestAction({ id })).status).toBe(409)
  })

  it('a second person rejects; the requester withdraws', async () => {
    const key = await newFlag({ tags: 'hipaa' })
    await recordComplianceAction({ flagKey: key, kind: 'hipaa_review', reference: 'PRIV-44', date: '2026-02-01', scope: '' })
    const first = (await updateEnvironmentAction({ flagKey: key, environment: 'production', config: on })).data!.changeRequestId!
    signInAs(pm2)
    expect(await rejectChangeRequestAction({ id: first, reason: 'Not during the audit' })).toMatchObject({ ok: true })
    expect((await db.flagChangeRequest.findUniqueOrThrow({ where: { id: first } })).status).toBe('rejected')
    // Rejecting again: it is no longer open.
    expect((await rejectChangeRequestAction({ id: first })).status).toBe(409)

    signInAs(pm)
    const second = (await updateEnvironmentAction({ flagKey: key, environment: 'production', config: on })).data!.changeRequestId!
    expect(await withdrawChangeRequestAction({ id: second })).toMatchObject({ ok: true })
    expect((await db.flagChangeRequest.findUniqueOrThrow({ where: { id: second } })).status).toBe('rejected')
  })

  it('the kill switch never waits, even on a gated flag in production', async () => {
    const key = await newFlag({ tags: 'hipaa' })
    const res = await setKillSwitchAction({ flagKey: key, environment: 'production', killed: true })
    expect(res).toMatchObject({ ok: true, status: 200, data: { applied: true } })
    expect((await envRow(key, 'production')).killed).toBe(true)
    expect(await auditOf('flag.kill_switch', key)).not.toBeNull()
  })
})

describe('rollouts', () => {
  it('starts, pauses with a reason, resumes and rolls back', async () => {
    const key = await newFlag()
    await updateEnvironmentAction({ flagKey: key, environment: 'staging', config: { ...on, defaultServe: { variant: 'off' } } })
    const start = await startRolloutAction({ flagKey: key, environment: 'staging', variant: 'on', stages: '5, 25, 50, 100', stageIntervalHours: '24', violationThreshold: '3' })
    expect(start).toMatchObject({ ok: true, status: 200 })
    const plan = () => db.rolloutPlan.findFirstOrThrow({ where: { flag: { key }, environment: 'staging' }, orderBy: { startedAt: 'desc' } })
    expect(await plan()).toMatchObject({ status: 'running', percentage: 5, stages: [5, 25, 50, 100] })

    // A second plan while one runs: 409.
    expect((await startRolloutAction({ flagKey: key, environment: 'staging', variant: 'on', stages: '5, 100', stageIntervalHours: 1, violationThreshold: 0 })).status).toBe(409)

    expect((await pauseRolloutAction({ flagKey: key, environment: 'staging', reason: '' })).status).toBe(422)
    expect(await pauseRolloutAction({ flagKey: key, environment: 'staging', reason: 'Waiting for the ED pilot review' })).toMatchObject({ ok: true })
    expect(await plan()).toMatchObject({ status: 'paused', pausedReason: 'Waiting for the ED pilot review' })

    expect(await resumeRolloutAction({ flagKey: key, environment: 'staging' })).toMatchObject({ ok: true, status: 200 })
    expect((await plan()).status).toBe('running')

    expect(await rollbackNowAction({ flagKey: key, environment: 'staging' })).toMatchObject({ ok: true })
    expect(await plan()).toMatchObject({ status: 'rolled_back', percentage: 0 })
    expect(await auditOf('flag.rollout.rollback', key)).not.toBeNull()
  })

  it('422 for stages that do not end at 100', async () => {
    const key = await newFlag()
    const res = await startRolloutAction({ flagKey: key, environment: 'staging', variant: 'on', stages: '5, 50', stageIntervalHours: 24, violationThreshold: 3 })
    expect(res).toMatchObject({ ok: false, status: 422 })
    expect(res.fieldErrors?.stages).toBeDefined()
  })
})
