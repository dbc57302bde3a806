/**
 * 4-eyes on a real database, path by path: only the requester edits, editors and the requester never
 * approve, applying needs a still-valid approval by someone else than the person applying, and a machine
 * (API key, system) can never push a gated production change alone.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { actorOfApiKey, actorOfUser } from '@/lib/auth/actor'
import type { SessionUser } from '@/lib/auth/session'
import { createApiKey, createUser, request } from '@/test/factories'
import { POST as enable } from '@/app/api/features/enable/route'
import { payloadHash } from './change'
import type { ChangePayload, EnvironmentConfig } from './schema'
import {
  applyChangeRequest,
  approveChangeRequest,
  createFlag,
  editChangeRequest,
  enableFeature,
  recordCompliance,
  updateEnvironment,
  updateFlag,
} from './service'
import { BOOL_VARIANTS, flagKey, rejects } from '@/test/flag-factories'

let requester: SessionUser // A: asks for the change
let approver: SessionUser // B: approves it
let third: SessionUser // C: a third person with flag:edit and flag:approve
let ops: SessionUser // flag:edit without flag:approve

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
  await createFlag({ key, name: key, type: 'boolean', variants: BOOL_VARIANTS, category: 'diagnostic' }, actorOfUser(requester))
  await recordCompliance(key, { kind: 'clinical_validation', reference: 'CV-4E', date: '2026-02-10', scope: 'ED triage' }, actorOfUser(requester))
  return key
}

/** A's production change request. */
async function requested(key: string, config: EnvironmentConfig = ON): Promise<string> {
  const outcome = await updateEnvironment(key, 'production', config, actorOfUser(requester))
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
    const err = await rejects(approveChangeRequest(id, requester))
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

    const err = await rejects(approveChangeRequest(id, approver))
    expect(err.status).toBe(409)
    expect(err.message).toMatch(/you edited this change request, so you cannot approve it/)
    expect(await requestRow(id)).toMatchObject({ status: 'pending', approvedById: null })
    // A third person, who neither requested nor edited it, may.
    await approveChangeRequest(id, third)
    expect(await requestRow(id)).toMatchObject({ status: 'approved', approvedById: third.id })
  })
})

describe('editing', () => {
  it('only the requester edits: anyone else is refused (403) and the approval stands untouched', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    await approveChangeRequest(id, approver)
    const before = await requestRow(id)

    for (const other of [third, approver, ops]) {
      const err = await rejects(editChangeRequest(id, { kind: 'environment', config: TEN }, other))
      expect(err.status).toBe(403)
      expect(err.message).toMatch(/Only the requester may edit a change request/)
    }
    const after = await requestRow(id)
    expect(after).toMatchObject({ status: 'approved', approvedById: approver.id, approvedHash: before.approvedHash, editorIds: [] })
    expect(after.payload).toEqual(before.payload)
  })

  it('every edit by the requester voids the approval and records the editor', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    await approveChangeRequest(id, approver)
    expect(await editChangeRequest(id, { kind: 'environment', config: TEN }, requester)).toEqual({ voidedApproval: true })
    expect(await requestRow(id)).toMatchObject({ status: 'pending', approvedById: null, approvedHash: null, approvedAt: null, editorIds: [requester.id] })
    // The earlier approval is gone: applying is refused until someone approves the edited change.
    expect((await rejects(applyChangeRequest(id, requester))).status).toBe(409)
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'flag.change_request.edit', targetId: key } })
    expect(audit.summary).toMatchObject({ changeRequestId: id, voidedApproval: true, voidedApprovalBy: approver.id })
  })
})

describe('applying', () => {
  it('without an approval it is refused (409) and nothing is served', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    for (const who of [requester, approver, third]) {
      const err = await rejects(applyChangeRequest(id, who))
      expect(err.status).toBe(409)
      expect(err.fields).toEqual({ gate: ['four_eyes'] })
    }
    expect((await production(key)).enabled).toBe(false)
  })

  it('the approver never counts as the approver of their own apply (409; the request stays approved for someone else)', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    await approveChangeRequest(id, approver)
    const err = await rejects(applyChangeRequest(id, approver))
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
    const err = await rejects(applyChangeRequest(id, requester))
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
    await approveChangeRequest(id, leaver)
    await db.user.update({ where: { id: leaver.id }, data: { disabledAt: new Date() } })
    const err = await rejects(applyChangeRequest(id, requester))
    expect(err.status).toBe(409)
    expect(err.message).toMatch(/approver’s account is disabled or no longer holds flag:approve/)
    expect((await production(key)).enabled).toBe(false)
    expect(await requestRow(id)).toMatchObject({ status: 'pending', approvedById: null })
  })

  it('happy path: A requests, B approves, A applies', async () => {
    const key = await readyFlag()
    const id = await requested(key)
    await approveChangeRequest(id, approver)
    await applyChangeRequest(id, requester)
    expect((await production(key)).enabled).toBe(true)
    expect(await requestRow(id)).toMatchObject({ status: 'applied', requestedById: requester.id, approvedById: approver.id })
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'flag.change_request.apply', targetId: key } })
    expect(audit).toMatchObject({ actorId: requester.id })
    expect(audit.summary).toMatchObject({ requestedById: requester.id, approvedById: approver.id })
  })

  it('happy path: A requests, B approves, C applies (a flag-wide change too)', async () => {
    const key = await readyFlag()
    const outcome = await updateFlag(key, { category: 'operational' }, actorOfUser(requester))
    expect(outcome.applied).toBe(false)
    await approveChangeRequest(outcome.changeRequestId!, approver)
    await applyChangeRequest(outcome.changeRequestId!, third)
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
    expect((await rejects(approveChangeRequest(id, requester))).status).toBe(409)
    // Calling again changes nothing either.
    expect((await call()).status).toBe(409)
    expect((await production(key)).enabled).toBe(false)
    expect(await db.flagChangeRequest.count({ where: { flag: { key } } })).toBe(1)
  })

  it('a non-gated change through the API still applies at once (200, the documented contract)', async () => {
    const key = flagKey('plain')
    await createFlag({ key, name: key, type: 'boolean', variants: BOOL_VARIANTS }, actorOfUser(requester))
    const k = await productionKey(requester)
    const res = await enable(request('/api/features/enable', { method: 'POST', body: { flag: key, percentage: 20 }, headers: { authorization: `Bearer ${k.key}` } }))
    expect(res.status).toBe(200)
    expect((await production(key)).enabled).toBe(true)
  })

  it('the write layer checks the key itself: scope flags:write, its own environment, not revoked', async () => {
    const key = flagKey('plain')
    await createFlag({ key, name: key, type: 'boolean', variants: BOOL_VARIANTS }, actorOfUser(requester))
    const input = { flag: key, percentage: 20 }
    const readOnly = await productionKey(requester, ['read'])
    const e1 = await rejects(enableFeature(input, 'production', readOnly.actor))
    expect(e1.status).toBe(403)
    expect(e1.message).toMatch(/flags:write/)
    const staging = await productionKey(requester, ['flags:write'], 'staging')
    expect((await rejects(enableFeature(input, 'production', staging.actor))).status).toBe(403)
    const revoked = await productionKey(requester)
    await db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } })
    expect((await rejects(enableFeature(input, 'production', revoked.actor))).status).toBe(403)
    // A person's actor is checked too: an unknown or disabled account, or a role without flag:edit.
    expect((await rejects(updateEnvironment(key, 'staging', ON, { type: 'user', id: '00000000-0000-4000-8000-000000000000', label: 'ghost' }))).status).toBe(403)
    expect((await rejects(updateEnvironment(key, 'staging', ON, actorOfUser(await createUser('executive'))))).status).toBe(403)
    expect((await production(key)).enabled).toBe(false)
  })

  it('a key without an owner, or the system, cannot even file a gated production change (409 naming four_eyes)', async () => {
    const key = await readyFlag()
    const ownerless = await productionKey(null)
    const e1 = await rejects(enableFeature({ flag: key, percentage: 50 }, 'production', ownerless.actor))
    expect(e1.status).toBe(409)
    expect(e1.fields).toEqual({ gate: ['four_eyes'] })
    expect((await rejects(updateEnvironment(key, 'production', ON, SYSTEM_ACTOR))).status).toBe(409)
    expect(await db.flagChangeRequest.count({ where: { flag: { key } } })).toBe(0)
    expect((await production(key)).enabled).toBe(false)
  })
})
