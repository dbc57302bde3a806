/** Flag commands on a real database: gates (403/409 naming the gate), 4-eyes change requests, audit + history. */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createApiKey, createUser, request } from '@/test/factories'
import type { SessionUser } from '@/lib/auth/session'
import { actorOfUser } from '@/lib/auth/actor'
import { POST as enable } from '@/app/api/features/enable/route'
import { applyChangeRequest, approveChangeRequest, editChangeRequest, rejectChangeRequest } from '@/lib/flags/commands/change-requests'
import { recordCompliance } from '@/lib/flags/commands/compliance'
import { setKillSwitch, updateEnvironment } from '@/lib/flags/commands/environments'
import { createFlag, updateFlag } from '@/lib/flags/commands/flags'
import { ComplianceInput } from '@/lib/flags/schema'
import { getSnapshot } from '@/lib/flags/snapshot'
import { evaluateFlag } from '@/lib/flags/evaluate'
import { BOOL_VARIANTS, flagInput, flagKey, rejects } from '@/test/flag-factories'

let pm: SessionUser
let approver: SessionUser
let viewer: SessionUser
const ON = { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } }

beforeAll(async () => {
  pm = await createUser('pm')
  approver = await createUser('pm')
  viewer = await createUser('viewer')
})

async function gatedFlag(over: { tags?: string[]; category?: 'clinical_decision_support' | 'diagnostic' | 'operational' }) {
  const key = flagKey('gated')
  await createFlag(actorOfUser(pm), flagInput({ key, name: key, type: 'boolean', variants: BOOL_VARIANTS, tags: over.tags ?? [], category: over.category ?? 'operational' }))
  return key
}

const fda = { kind: 'fda_approval' as const, reference: 'K243117', date: '2026-01-20', scope: 'Adult sepsis risk in ED' }

describe('compliance gates', () => {
  it('hipaa flag: production exposure needs a HIPAA review (403 naming the gate)', async () => {
    const key = await gatedFlag({ tags: ['hipaa'] })
    const err = await rejects(updateEnvironment(actorOfUser(pm), key, 'production', ON))
    expect(err.status).toBe(403)
    expect(err.message).toMatch(/hipaa_review/)
    expect(err.fields).toEqual({ gate: ['hipaa_review'] })
  })

  it('clinical decision support: needs an FDA approval before serving > 0 % in production, not in staging', async () => {
    const key = await gatedFlag({ category: 'clinical_decision_support' })
    expect((await rejects(updateEnvironment(actorOfUser(pm), key, 'production', ON))).fields).toEqual({ gate: ['fda_approval'] })
    expect(await updateEnvironment(actorOfUser(pm), key, 'staging', ON)).toEqual({ applied: true })
    // Turning it off needs nothing.
    expect(await updateEnvironment(actorOfUser(pm), key, 'production', { ...ON, enabled: false })).toEqual({ applied: true })
  })

  it('diagnostic: needs a clinical-validation sign-off', async () => {
    const key = await gatedFlag({ category: 'diagnostic' })
    expect((await rejects(updateEnvironment(actorOfUser(pm), key, 'production', ON))).fields).toEqual({ gate: ['clinical_validation'] })
  })

  it('an FDA approval without a scope is refused; recording needs flag:compliance', async () => {
    const key = await gatedFlag({ category: 'clinical_decision_support' })
    expect((await rejects(recordCompliance(actorOfUser(pm), key, ComplianceInput.parse({ ...fda, scope: '' })))).status).toBe(422)
    expect((await rejects(recordCompliance(actorOfUser(viewer), key, ComplianceInput.parse(fda)))).status).toBe(403)
  })

  it('via the API: 403 naming the gate, then 409 four_eyes once the evidence is recorded', async () => {
    const key = await gatedFlag({ tags: ['hipaa'], category: 'clinical_decision_support' })
    const { key: apiKey, id } = await createApiKey(['flags:write'], 'production')
    await db.apiKey.update({ where: { id }, data: { createdById: pm.id } })
    const call = () => enable(request('/api/features/enable', { method: 'POST', body: { flag: key, percentage: 10 }, headers: { authorization: `Bearer ${apiKey}` } }))
    const blocked = await call()
    expect(blocked.status).toBe(403)
    const b = (await blocked.json()) as { error: { message: string; fields: { gate: string[] } } }
    expect(b.error.fields.gate).toEqual(['hipaa_review', 'fda_approval'])
    expect(b.error.message).toMatch(/HIPAA review/)

    await recordCompliance(actorOfUser(pm), key, ComplianceInput.parse({ kind: 'hipaa_review', reference: 'PRIV-2026-014', date: '2026-02-01' }))
    await recordCompliance(actorOfUser(pm), key, ComplianceInput.parse(fda))
    const waits = await call()
    expect(waits.status).toBe(409)
    const w = (await waits.json()) as { error: { fields: { gate: string[]; changeRequestId: string[] } } }
    expect(w.error.fields.gate).toEqual(['four_eyes'])
    const cr = await db.flagChangeRequest.findUniqueOrThrow({ where: { id: w.error.fields.changeRequestId[0]! } })
    expect(cr).toMatchObject({ status: 'pending', requestedById: pm.id, environment: 'production' })
    // A retried call files no second request.
    const again = (await (await call()).json()) as { error: { fields: { changeRequestId: string[] } } }
    expect(again.error.fields.changeRequestId).toEqual(w.error.fields.changeRequestId)
  })
})

describe('4-eyes change requests', () => {
  async function readyFlag() {
    const key = await gatedFlag({ category: 'diagnostic' })
    await recordCompliance(actorOfUser(pm), key, ComplianceInput.parse({ kind: 'clinical_validation', reference: 'CV-88', date: '2026-02-10', scope: 'CT head bleed triage' }))
    return key
  }

  it('a production change waits for a second person; the requester cannot approve (409)', async () => {
    const key = await readyFlag()
    const outcome = await updateEnvironment(actorOfUser(pm), key, 'production', ON)
    expect(outcome.applied).toBe(false)
    const id = outcome.changeRequestId!
    const env = await db.flagEnvironment.findFirstOrThrow({ where: { flag: { key }, environment: 'production' } })
    expect(env.enabled).toBe(false)

    const self = await rejects(approveChangeRequest(actorOfUser(pm), id))
    expect(self.status).toBe(409)
    expect(self.fields).toEqual({ gate: ['four_eyes'] })
    expect((await rejects(applyChangeRequest(actorOfUser(pm), id))).status).toBe(409)
    expect((await rejects(approveChangeRequest(actorOfUser(viewer), id))).status).toBe(403)

    await approveChangeRequest(actorOfUser(approver), id)
    const approved = await db.flagChangeRequest.findUniqueOrThrow({ where: { id } })
    expect(approved).toMatchObject({ status: 'approved', approvedById: approver.id })
    expect(approved.approvedHash).toMatch(/^[0-9a-f]{64}$/)

    await applyChangeRequest(actorOfUser(pm), id)
    expect(await db.flagChangeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'applied' })
    const snapshot = await getSnapshot()
    const flag = snapshot.environments.get('production')!.flags.get(key)!
    expect(evaluateFlag(flag, {})).toMatchObject({ value: true, reason: 'STATIC' })
    const events = await db.flagEvent.findMany({ where: { flag: { key } }, orderBy: { id: 'asc' } })
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['change_requested', 'change_approved', 'environment_updated', 'change_applied']))
    const audit = await db.auditLog.findMany({ where: { targetType: 'flag', targetId: key } })
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['flag.change_request.create', 'flag.change_request.approve', 'flag.environment.update', 'flag.change_request.apply']))
  })

  it('editing after approval voids the approval (back to pending, hash cleared)', async () => {
    const key = await readyFlag()
    const { changeRequestId: id } = await updateEnvironment(actorOfUser(pm), key, 'production', ON)
    await approveChangeRequest(actorOfUser(approver), id!)
    const edited = await editChangeRequest(actorOfUser(pm), id!, { kind: 'environment', config: { ...ON, defaultServe: { split: [{ variant: 'on', weight: 10 }, { variant: 'off', weight: 90 }] } } })
    expect(edited).toEqual({ voidedApproval: true })
    const cr = await db.flagChangeRequest.findUniqueOrThrow({ where: { id: id! } })
    expect(cr).toMatchObject({ status: 'pending', approvedHash: null, approvedById: null, approvedAt: null })
    expect((await rejects(applyChangeRequest(actorOfUser(pm), id!))).status).toBe(409)
  })

  it('a payload changed behind the approval (hash mismatch) is voided at apply', async () => {
    const key = await readyFlag()
    const { changeRequestId: id } = await updateEnvironment(actorOfUser(pm), key, 'production', ON)
    await approveChangeRequest(actorOfUser(approver), id!)
    await db.flagChangeRequest.update({ where: { id: id! }, data: { payload: { kind: 'environment', config: { ...ON, offVariant: 'on' } } } })
    const err = await rejects(applyChangeRequest(actorOfUser(pm), id!))
    expect(err.status).toBe(409)
    expect(await db.flagChangeRequest.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ status: 'pending', approvedHash: null })
  })

  it('reject and withdraw', async () => {
    const key = await readyFlag()
    const a = await updateEnvironment(actorOfUser(pm), key, 'production', ON)
    await rejectChangeRequest(actorOfUser(approver), a.changeRequestId!, 'Not during the ED go-live')
    expect(await db.flagChangeRequest.findUniqueOrThrow({ where: { id: a.changeRequestId! } })).toMatchObject({ status: 'rejected', reason: 'Not during the ED go-live' })
  })

  it('the kill switch applies at once even on a gated production flag', async () => {
    const key = await readyFlag()
    expect(await setKillSwitch(actorOfUser(pm), key, 'production', true)).toEqual({ applied: true })
    const off = await setKillSwitch(actorOfUser(pm), key, 'production', false)
    // Un-killing a flag that serves nothing (environment off) exposes nobody: no approval needed.
    expect(off.applied).toBe(true)
  })

  it('weakening a gated flag (removing its category) needs approval too', async () => {
    const key = await readyFlag()
    const outcome = await updateFlag(actorOfUser(pm), key, { category: 'operational' })
    expect(outcome.applied).toBe(false)
    expect((await db.flag.findUniqueOrThrow({ where: { key } })).category).toBe('diagnostic')
    expect(await updateFlag(actorOfUser(pm), key, { description: 'CT head triage model' })).toEqual({ applied: true })
  })
})

describe('validation', () => {
  it('refuses unknown variants, wrong value types and duplicate keys', async () => {
    const key = flagKey('valid')
    expect((await rejects(createFlag(actorOfUser(pm), flagInput({ key, name: key, type: 'boolean', variants: [{ key: 'on', value: 'yes' }] })))).status).toBe(422)
    await createFlag(actorOfUser(pm), flagInput({ key, name: key, type: 'boolean', variants: BOOL_VARIANTS }))
    expect((await rejects(createFlag(actorOfUser(pm), flagInput({ key, name: key, type: 'boolean', variants: BOOL_VARIANTS })))).status).toBe(409)
    const bad = await rejects(updateEnvironment(actorOfUser(pm), key, 'staging', { ...ON, defaultServe: { variant: 'maybe' } }))
    expect(bad.status).toBe(422)
    expect(Object.keys(bad.fields ?? {})).toEqual(['defaultServe.variant'])
    expect((await rejects(updateEnvironment(actorOfUser(pm), key, 'qa', ON))).status).toBe(422)
    expect((await rejects(updateEnvironment(actorOfUser(viewer), key, 'staging', ON))).status).toBe(403)
  })
})
