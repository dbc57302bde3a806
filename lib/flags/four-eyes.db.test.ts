/**
 * 4-eyes on a real database, path by path: only the requester edits, editors and the requester never
 * approve, applying needs a still-valid approval by someone else than the person applying, and a machine
 * (API key, system) can never push a gated production change alone.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { recordAudit } from '@/lib/audit'
import { actorOfApiKey, actorOfUser, systemActor } from '@/lib/auth/actor'
import type { SessionUser } from '@/lib/auth/session'
import { userForSession } from '@/lib/auth/session-version'
import { createApiKey, createUser, request } from '@/test/factories'
import { POST as enable } from '@/app/api/features/enable/route'
import { payloadHash } from './change'
import { ComplianceInput, type ChangePayload, type EnvironmentConfig } from './schema'
import { applyChangeRequest, approveChangeRequest, editChangeRequest } from './commands/change-requests'
import { recordCompliance } from './commands/compliance'
import { updateEnvironment } from './commands/environments'
import { createFlag, updateFlag } from './commands/flags'
import { enableFeature } from './commands/rollouts'
import { BOOL_VARIANTS, flagInput, flagKey, rejects } from '@/test/flag-factories'

let requester: SessionUser // A: asks for the change
let approver: SessionUser // B: approves it
let third: SessionUser // C: a third person with flag:edit and flag:approve
let ops: SessionUser // flag:emergency only: neither flag:edit nor flag:approve

const ON: EnvironmentConfig = { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } }
const TEN: EnvironmentConfig = { ...ON, defaultServe: { split: [{ variant: 'on', weight: 10 }, { variant: 'off', weight: 90 }] } }

beforeAll(async () => {
  requester = await createUser('pm')
  approver = await createUser('pm')
  third = await createUser('pm')
  ops = await createUser('ops')
})

/** A diagnostic flag with its clinical validation recorded: production changes need 4-eyes only. */
async function readyFlag(): Promise<string> {
  const key = flagKey('eyes')
  await createFlag(actorOfUser(requester), flagInput({ key, name: key, type: 'boolean', variants: BOOL_VARIANTS, category: 'diagnostic' }))
  await recordCompliance(actorOfUser(requester), key, ComplianceInput.parse({ kind: 'clinical_validation', reference: 'CV-4E', date: '2026-02-10', scope: 'ED triage' }))
  return key
}

/** A's production change request. */
async function requested(key: string, config: EnvironmentConfig = ON): Promise<string> {
  const outcome = await updateEnvironment(actorOfUser(requester), key, 'production', config)
  expect(outcome.applied).toBe(false)
  return outcome.changeRequestId!
}

const production = (key: string) => db.flagEnvironment.findFirstOrThrow({ where: { flag: { key }, environment: 'production' } })
const requestRow = (id: string) => db.flagChangeRequest.findUniqueOrThrow({ where: { id } })

/** The data step of the migration that added editorIds: editors of older requests, read from the audit log. */
function editorBackfillSql(): string {
  const dir = readdirSync(path.resolve('prisma/migrations')).find((d) => d.endsWith('_flag_change_request_editors'))!
  const sql = readFileSync(path.resolve('prisma/migrations', dir, 'migration.sql'), 'utf8')
  return sql.slice(sql.indexOf('UPDATE "FlagChangeRequest"'))
}

describe('approving', () => {
  it('the requester cannot approve their own request (409, in words)', async () => {
    const id = await requested(await readyFlag())
    const err = await rejects(approveChangeRequest(actorOfUser(requester), id))
    expect(err.status).toBe(409)
    expect(err.message).toMatch(/you requested this change, so you cannot approve it/)
    expect(err.fields).toEqual({ gate: ['four_eyes'] })
    expect(await requestRow(id)).toMatchObject({ status: 'pending', approvedById: null })
  })

  it('someone who edited a request cannot approve it afterwards (editors recorded before this fix, from the audit log)', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    // Under the old rules a second person could edit someone else's request; the migration finds them in the audit log.
    await recordAudit(actorOfUser(approver), { action: 'flag.change_request.edit', targetType: 'flag', targetId: key, summary: { changeRequestId: id } })
    await db.$executeRawUnsafe(editorBackfillSql())
    expect((await requestRow(id)).editorIds).toEqual([approver.id])

    const err = await rejects(approveChangeRequest(actorOfUser(approver), id))
    expect(err.status).toBe(409)
    expect(err.message).toMatch(/you edited this change request, so you cannot approve it/)
    expect(await requestRow(id)).toMatchObject({ status: 'pending', approvedById: null })
    // A third person, who neither requested nor edited it, may.
    await approveChangeRequest(actorOfUser(third), id)
    expect(await requestRow(id)).toMatchObject({ status: 'approved', approvedById: third.id })
  })
})

describe('editing', () => {
  it('only the requester edits: anyone else is refused (403) and the approval stands untouched', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    await approveChangeRequest(actorOfUser(approver), id)
    const before = await requestRow(id)

    for (const other of [third, approver]) {
      const err = await rejects(editChangeRequest(actorOfUser(other), id, { kind: 'environment', config: TEN }))
      expect(err.status).toBe(403)
      expect(err.message).toMatch(/Only the requester may edit a change request/)
    }
    const err = await rejects(editChangeRequest(actorOfUser(ops), id, { kind: 'environment', config: TEN }))
    expect(err.status).toBe(403)
    expect(err.message).toMatch(/flag:edit/)
    const after = await requestRow(id)
    expect(after).toMatchObject({ status: 'approved', approvedById: approver.id, approvedHash: before.approvedHash, editorIds: [] })
    expect(after.payload).toEqual(before.payload)
  })

  it('every edit by the requester voids the approval and records the editor', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    await approveChangeRequest(actorOfUser(approver), id)
    expect(await editChangeRequest(actorOfUser(requester), id, { kind: 'environment', config: TEN })).toEqual({ voidedApproval: true })
    expect(await requestRow(id)).toMatchObject({ status: 'pending', approvedById: null, approvedHash: null, approvedAt: null, editorIds: [requester.id] })
    // The earlier approval is gone: applying is refused until someone approves the edited change.
    expect((await rejects(applyChangeRequest(actorOfUser(requester), id))).status).toBe(409)
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'flag.change_request.edit', targetId: key } })
    expect(audit.summary).toMatchObject({ changeRequestId: id, voidedApproval: true, voidedApprovalBy: approver.id })
  })
})

describe('applying', () => {
  it('without an approval it is refused (409) and nothing is served', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    for (const who of [requester, approver, third]) {
      const err = await rejects(applyChangeRequest(actorOfUser(who), id))
      expect(err.status).toBe(409)
      expect(err.fields).toEqual({ gate: ['four_eyes'] })
    }
    expect((await production(key)).enabled).toBe(false)
  })

  it('the approver never counts as the approver of their own apply (409; the request stays approved for someone else)', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    await approveChangeRequest(actorOfUser(approver), id)
    const err = await rejects(applyChangeRequest(actorOfUser(approver), id))
    expect(err.status).toBe(409)
    expect(err.message).toMatch(/You approved this change, so you cannot also apply it/)
    expect((await production(key)).enabled).toBe(false)
    expect(await requestRow(id)).toMatchObject({ status: 'approved', approvedById: approver.id })
  })

  it('an approval by an author (given before editors were tracked) does not count: voided at apply (409)', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    const payload: ChangePayload = { kind: 'environment', config: ON }
    // The old hole: B edited A's request, then approved it.
    await db.flagChangeRequest.update({
      where: { id },
      data: { editorIds: [approver.id], status: 'approved', approvedById: approver.id, approvedAt: new Date(), approvedHash: payloadHash(payload) },
    })
    const err = await rejects(applyChangeRequest(actorOfUser(requester), id))
    expect(err.status).toBe(409)
    expect(err.message).toMatch(/requested or edited this change, so it does not count/)
    expect((await production(key)).enabled).toBe(false)
    expect(await requestRow(id)).toMatchObject({ status: 'pending', approvedById: null, approvedHash: null })
    expect(await db.flagEvent.count({ where: { flag: { key }, type: 'approval_voided' } })).toBe(1)
  })

  it('an approval whose approver was disabled or lost flag:approve is no longer valid at apply', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    const leaver = await createUser('pm')
    await approveChangeRequest(actorOfUser(leaver), id)
    await db.user.update({ where: { id: leaver.id }, data: { disabledAt: new Date() } })
    const err = await rejects(applyChangeRequest(actorOfUser(requester), id))
    expect(err.status).toBe(409)
    expect(err.message).toMatch(/approver’s account is disabled or no longer holds flag:approve/)
    expect((await production(key)).enabled).toBe(false)
    expect(await requestRow(id)).toMatchObject({ status: 'pending', approvedById: null })
  })

  it('happy path: A requests, B approves, A applies', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    await approveChangeRequest(actorOfUser(approver), id)
    await applyChangeRequest(actorOfUser(requester), id)
    expect((await production(key)).enabled).toBe(true)
    expect(await requestRow(id)).toMatchObject({ status: 'applied', requestedById: requester.id, approvedById: approver.id })
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'flag.change_request.apply', targetId: key } })
    expect(audit).toMatchObject({ actorId: requester.id })
    expect(audit.summary).toMatchObject({ requestedById: requester.id, approvedById: approver.id })
  })

  it('happy path: A requests, B approves, C applies (a flag-wide change too)', async () => {
    const key = await readyFlag()
    const outcome = await updateFlag(actorOfUser(requester), key, { category: 'operational' })
    expect(outcome.applied).toBe(false)
    await approveChangeRequest(actorOfUser(approver), outcome.changeRequestId!)
    await applyChangeRequest(actorOfUser(third), outcome.changeRequestId!)
    expect((await db.flag.findUniqueOrThrow({ where: { key } })).category).toBe('operational')
    expect(await requestRow(outcome.changeRequestId!)).toMatchObject({ status: 'applied', approvedById: approver.id })
  })
})

describe('machines', () => {
  async function productionKey(owner: SessionUser | null, scopes: ('flags:write' | 'read')[] = ['flags:write'], environment = 'production') {
    const k = await createApiKey(scopes, environment)
    if (owner) await db.apiKey.update({ where: { id: k.id }, data: { createdById: owner.id } })
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: k.id } })
    return { ...k, actor: actorOfApiKey({ id: row.id, name: row.name, prefix: row.prefix, scopes: [...scopes], environment }) }
  }

  it('POST /api/features/enable cannot apply a gated production change alone: 409 four_eyes, a request in the owner’s name', async () => {
    const key = await readyFlag()
    const k = await productionKey(requester)
    const call = () => enable(request('/api/features/enable', { method: 'POST', body: { flag: key, percentage: 100 }, headers: { authorization: `Bearer ${k.key}` } }))
    const res = await call()
    expect(res.status).toBe(409)
    const body = (await res.json()) as { error: { code: string; message: string; fields: { gate: string[]; changeRequestId: string[] } } }
    expect(body.error.message).toMatch(/Needs approval \(four_eyes\)/)
    expect(body.error.fields.gate).toEqual(['four_eyes'])
    const id = body.error.fields.changeRequestId[0]!
    expect(await requestRow(id)).toMatchObject({ status: 'pending', requestedById: requester.id })
    expect((await production(key)).enabled).toBe(false)
    // The key's owner is the requester: they cannot approve what their key asked for.
    expect((await rejects(approveChangeRequest(actorOfUser(requester), id))).status).toBe(409)
    // Calling again changes nothing either.
    expect((await call()).status).toBe(409)
    expect((await production(key)).enabled).toBe(false)
    expect(await db.flagChangeRequest.count({ where: { flag: { key } } })).toBe(1)
  })

  it('a non-gated change through the API still applies at once (200, the documented contract)', async () => {
    const key = flagKey('plain')
    await createFlag(actorOfUser(requester), flagInput({ key, name: key, type: 'boolean', variants: BOOL_VARIANTS }))
    const k = await productionKey(requester)
    const res = await enable(request('/api/features/enable', { method: 'POST', body: { flag: key, percentage: 20 }, headers: { authorization: `Bearer ${k.key}` } }))
    expect(res.status).toBe(200)
    expect((await production(key)).enabled).toBe(true)
  })

  it('the command checks the key itself: scope flags:write, its own environment', async () => {
    const key = flagKey('plain')
    await createFlag(actorOfUser(requester), flagInput({ key }))
    const input = { flag: key, percentage: 20 }
    const readOnly = await productionKey(requester, ['read'])
    const e1 = await rejects(enableFeature(readOnly.actor, input, 'production'))
    expect(e1.status).toBe(403)
    expect(e1.message).toMatch(/flags:write/)
    const staging = await productionKey(requester, ['flags:write'], 'staging')
    const e2 = await rejects(enableFeature(staging.actor, input, 'production'))
    expect(e2.status).toBe(403)
    expect(e2.message).toBe('The API key acts in staging, not production')
    expect(e2.fields).toEqual({ environment: ['staging'] })
    // A role without flag:edit is refused too.
    expect((await rejects(updateEnvironment(actorOfUser(await createUser('executive')), key, 'staging', ON))).status).toBe(403)
    expect((await production(key)).enabled).toBe(false)
  })

  it('a revoked key or a disabled or unknown account never becomes an actor: the guards refuse them', async () => {
    const key = flagKey('plain')
    await createFlag(actorOfUser(requester), flagInput({ key }))
    // defineRoute verifies the key on every request: revoked → 401 before any command runs.
    const revoked = await productionKey(requester)
    await db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } })
    const res = await enable(request('/api/features/enable', { method: 'POST', body: { flag: key, percentage: 20 }, headers: { authorization: `Bearer ${revoked.key}` } }))
    expect(res.status).toBe(401)
    // defineAction asks for the session user, re-read from the row on every call: disabled or unknown → no user (401).
    const leaver = await createUser('pm')
    const claims = { uid: leaver.id, loginAt: Math.floor(Date.now() / 1000), sv: (await db.user.findUniqueOrThrow({ where: { id: leaver.id } })).sessionVersion }
    expect(await userForSession(claims)).toMatchObject({ id: leaver.id })
    await db.user.update({ where: { id: leaver.id }, data: { disabledAt: new Date() } })
    expect(await userForSession(claims)).toBeNull()
    expect(await userForSession({ ...claims, uid: '00000000-0000-4000-8000-000000000000' })).toBeNull()
    expect((await production(key)).enabled).toBe(false)
  })

  it('a key without an owner, or the system, cannot even file a gated production change (409 naming four_eyes)', async () => {
    const key = await readyFlag()
    const ownerless = await productionKey(null)
    const e1 = await rejects(enableFeature(ownerless.actor, { flag: key, percentage: 50 }, 'production'))
    expect(e1.status).toBe(409)
    expect(e1.fields).toEqual({ gate: ['four_eyes'] })
    expect((await rejects(updateEnvironment(systemActor(), key, 'production', ON))).status).toBe(409)
    expect(await db.flagChangeRequest.count({ where: { flag: { key } } })).toBe(0)
    expect((await production(key)).enabled).toBe(false)
  })
})
