import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { actorOfUser, systemActor, type Actor } from '@/lib/auth/actor'
import { verifyPassword } from '@/lib/auth/password'
import { ApiError, parseOrThrow } from '@/lib/errors'
import { createUser as createTestUser, uid } from '@/test/factories'
import { CreateUserInput, UserRef } from '../schema'
import { createUser, disableUser, enableUser } from './users'

const actor = systemActor('cli:test')
// The callers' boundary (CLI, actions): validate, then run the command.
const create = async (raw: unknown) => createUser(actor, parseOrThrow(CreateUserInput, raw))
const disable = async (ref: string, as: Actor = actor) => disableUser(as, parseOrThrow(UserRef, ref))
const enable = async (ref: string) => enableUser(actor, parseOrThrow(UserRef, ref))
const email = () => `${uid('admin-users')}@test.wardroom.local`

async function statusOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p
  } catch (e) {
    return e instanceof ApiError ? e.status : -1
  }
  return undefined
}

describe('createUser', () => {
  it('creates a user with the given password and audits it in the same transaction', async () => {
    const address = email()
    const { user, generatedPassword } = await create({ email: `  ${address.toUpperCase()} `, role: 'ops', name: 'Ops Person', password: 'correct horse battery' })
    expect(generatedPassword).toBeUndefined()
    expect(user).toMatchObject({ email: address, role: 'ops', name: 'Ops Person', disabledAt: null })
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(await verifyPassword('correct horse battery', stored.passwordHash)).toBe(true)
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'user.create', targetId: user.id } })
    expect(audit).toMatchObject({ actorType: 'system', actorLabel: 'cli:test' })
    expect(audit.summary).toEqual({ email: address, role: 'ops', generatedPassword: false })
    expect(JSON.stringify(audit.summary)).not.toContain('horse')
  })

  it('generates a password when none is given and names the user after the address', async () => {
    const address = email()
    const { user, generatedPassword } = await create({ email: address, role: 'viewer' })
    expect(generatedPassword).toMatch(/^.{12,}$/)
    expect(user.name).toBe(address.split('@')[0])
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(await verifyPassword(generatedPassword!, stored.passwordHash)).toBe(true)
  })

  it('answers a duplicate e-mail with a conflict and writes nothing', async () => {
    const address = email()
    await create({ email: address, role: 'pm', password: 'a long enough password' })
    const before = await db.auditLog.count({ where: { action: 'user.create' } })
    await expect(create({ email: address.toUpperCase(), role: 'pm' })).rejects.toMatchObject({ status: 409, code: 'conflict' })
    expect(await db.auditLog.count({ where: { action: 'user.create' } })).toBe(before)
  })

  it('rejects invalid input with 422 and named fields', async () => {
    await expect(create({ email: 'not-an-email', role: 'ops' })).rejects.toMatchObject({ status: 422, fields: { email: expect.any(Array) } })
    expect(await statusOf(create({ email: email(), role: 'root' as 'ops' }))).toBe(422)
    expect(await statusOf(create({ email: email(), role: 'ops', password: 'short' }))).toBe(422)
  })
})

describe('disableUser / enableUser', () => {
  it('disables by e-mail, audits once, and is idempotent', async () => {
    const u = await createTestUser('clinician')
    const first = await disable(u.email)
    expect(first.changed).toBe(true)
    expect(first.user.disabledAt).toBeInstanceOf(Date)
    const second = await disable(u.id)
    expect(second.changed).toBe(false)
    expect(await db.auditLog.count({ where: { action: 'user.disable', targetId: u.id } })).toBe(1)

    const enabled = await enable(u.id)
    expect(enabled).toMatchObject({ changed: true, user: { disabledAt: null } })
    expect(await db.auditLog.count({ where: { action: 'user.enable', targetId: u.id } })).toBe(1)
  })

  it('answers an unknown user with 404 and a malformed reference with 422', async () => {
    expect(await statusOf(disable(email()))).toBe(404)
    expect(await statusOf(disable('nobody'))).toBe(422)
  })

  it('refuses to disable the acting user', async () => {
    const admin = await createTestUser('admin')
    const self = actorOfUser(admin)
    await expect(disable(admin.email, self)).rejects.toMatchObject({ status: 409 })
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).disabledAt).toBeNull()
  })
})
