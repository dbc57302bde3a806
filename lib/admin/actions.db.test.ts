import { beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import type { Role } from '@/lib/rbac'
import type { SessionUser } from '@/lib/auth/session'
import { createApiKey, createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import {
  changeRoleAction,
  createApiKeyAction,
  createUserAction,
  disableUserAction,
  enableUserAction,
  revokeApiKeyAction,
} from './actions'

// revalidatePath needs a Next request; outside one it throws.
vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

const email = () => `${uid('new')}@test.wardroom.local`

async function auditOf(action: string, targetId: string) {
  return db.auditLog.findFirst({ where: { action, targetId }, orderBy: { id: 'desc' } })
}

let admin: SessionUser
beforeEach(async () => {
  admin = await createUser('admin')
  signOut()
})

describe('permissions', () => {
  const cases: [string, (input: unknown) => Promise<{ status?: number }>, Role[]][] = [
    ['createUserAction', createUserAction, ['viewer', 'ops', 'pm']],
    ['disableUserAction', disableUserAction, ['viewer', 'ops']],
    ['enableUserAction', enableUserAction, ['viewer', 'executive']],
    ['changeRoleAction', changeRoleAction, ['viewer', 'ops']],
    ['createApiKeyAction', createApiKeyAction, ['viewer', 'ops', 'pm']],
    ['revokeApiKeyAction', revokeApiKeyAction, ['viewer', 'ops']],
  ]
  for (const [name, action, roles] of cases) {
    it(`${name}: 401 signed out, 403 for ${roles.join(', ')}`, async () => {
      const target = await createUser('viewer')
      const input = { userId: target.id, keyId: target.id, email: email(), role: 'viewer', name: 'x', scopes: ['read'] }
      expect((await action(input)).status).toBe(401)
      for (const role of roles) {
        signInAs(await createUser(role))
        expect((await action(input)).status, role).toBe(403)
      }
      // Nothing was written by a refused call.
      expect(await db.user.findUnique({ where: { id: target.id }, select: { role: true, disabledAt: true } })).toEqual({ role: 'viewer', disabledAt: null })
    })
  }
})

describe('createUserAction', () => {
  it('creates a user, returns the generated password once and audits', async () => {
    signInAs(admin)
    const form = new FormData()
    form.set('email', email())
    form.set('name', '')
    form.set('role', 'ops')
    form.set('password', '')
    const res = await createUserAction(form)
    expect(res).toMatchObject({ ok: true, status: 201 })
    expect(res.data?.generatedPassword).toMatch(/.{12,}/)
    const user = await db.user.findUniqueOrThrow({ where: { email: res.data!.email } })
    expect(user.role).toBe('ops')
    expect(user.passwordHash).not.toContain(res.data!.generatedPassword!)
    const audit = await auditOf('user.create', user.id)
    expect(audit?.actorId).toBe(admin.id)
    expect(JSON.stringify(audit?.summary)).not.toContain(res.data!.generatedPassword!)
  })

  it('returns no password when one is given', async () => {
    signInAs(admin)
    const res = await createUserAction({ email: email(), role: 'viewer', password: 'a-long-enough-password' })
    expect(res.ok).toBe(true)
    expect(res.data?.generatedPassword).toBeUndefined()
  })

  it('answers invalid input with 422 and field errors', async () => {
    signInAs(admin)
    const res = await createUserAction({ email: 'not-an-email', role: 'overlord', password: 'short' })
    expect(res.status).toBe(422)
    expect(Object.keys(res.fieldErrors ?? {}).sort()).toEqual(['email', 'password', 'role'])
  })

  it('answers a duplicate e-mail with 409 on the email field', async () => {
    signInAs(admin)
    const existing = await createUser('viewer')
    const res = await createUserAction({ email: existing.email.toUpperCase(), role: 'viewer' })
    expect(res.status).toBe(409)
    expect(res.fieldErrors?.email).toBeDefined()
  })
})

describe('disableUserAction and enableUserAction', () => {
  it('disables and re-enables a user, auditing both', async () => {
    signInAs(admin)
    const target = await createUser('clinician')
    expect(await disableUserAction({ userId: target.id })).toMatchObject({ ok: true, status: 200 })
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).not.toBeNull()
    expect(await auditOf('user.disable', target.id)).not.toBeNull()

    expect(await enableUserAction({ userId: target.id })).toMatchObject({ ok: true, status: 200 })
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull()
    expect(await auditOf('user.enable', target.id)).not.toBeNull()
  })

  it('refuses disabling your own account with 409', async () => {
    signInAs(admin)
    const res = await disableUserAction({ userId: admin.id })
    expect(res.status).toBe(409)
    expect(res.message).toMatch(/your own account/)
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).disabledAt).toBeNull()
  })

  it('answers a malformed id with 422 and an unknown one with 404', async () => {
    signInAs(admin)
    expect((await disableUserAction({ userId: 'nope' })).fieldErrors?.userId).toBeDefined()
    expect((await enableUserAction({ userId: crypto.randomUUID() })).status).toBe(404)
  })
})

describe('changeRoleAction', () => {
  it('changes a role and audits the before and after', async () => {
    signInAs(admin)
    const target = await createUser('viewer')
    const res = await changeRoleAction({ userId: target.id, role: 'pm' })
    expect(res).toMatchObject({ ok: true, status: 200 })
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe('pm')
    const audit = await auditOf('user.role.change', target.id)
    expect(audit?.summary).toEqual({ email: target.email, role: { from: 'viewer', to: 'pm' } })
  })

  it('does nothing and audits nothing when the role is unchanged', async () => {
    signInAs(admin)
    const target = await createUser('ops')
    expect((await changeRoleAction({ userId: target.id, role: 'ops' })).ok).toBe(true)
    expect(await auditOf('user.role.change', target.id)).toBeNull()
  })

  it('refuses an administrator demoting themself with 409', async () => {
    signInAs(admin)
    const res = await changeRoleAction({ userId: admin.id, role: 'viewer' })
    expect(res.status).toBe(409)
    expect(res.message).toMatch(/your own role/)
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('admin')
    expect(await auditOf('user.role.change', admin.id)).toBeNull()
  })

  it('answers an unknown role with 422', async () => {
    signInAs(admin)
    const target = await createUser('viewer')
    const res = await changeRoleAction({ userId: target.id, role: 'root' })
    expect(res.status).toBe(422)
    expect(res.fieldErrors?.role).toBeDefined()
  })
})

describe('createApiKeyAction and revokeApiKeyAction', () => {
  it('creates a key, returns it once, stores only its hash and audits', async () => {
    signInAs(admin)
    const name = uid('Epic bridge')
    const res = await createApiKeyAction({ name, scopes: ['alerts:write', 'read'], environment: 'staging', expiresAt: '' })
    expect(res).toMatchObject({ ok: true, status: 201 })
    const key = res.data!.key
    expect(key.startsWith(res.data!.prefix)).toBe(true)
    const row = await db.apiKey.findUniqueOrThrow({ where: { prefix: res.data!.prefix } })
    expect(row).toMatchObject({ name, scopes: ['alerts:write', 'read'], environment: 'staging', createdById: admin.id, expiresAt: null })
    expect(row.hash).not.toContain(key)
    const audit = await auditOf('apikey.create', row.id)
    expect(audit?.actorId).toBe(admin.id)
    expect(JSON.stringify(audit?.summary)).not.toContain(key)
  })

  it('answers missing or unknown scopes and a bad name with 422', async () => {
    signInAs(admin)
    const none = await createApiKeyAction({ name: uid('k'), scopes: [] })
    expect(none.status).toBe(422)
    expect(none.fieldErrors?.scopes).toBeDefined()
    const unknown = await createApiKeyAction({ name: '!bad', scopes: ['root'] })
    expect(unknown.status).toBe(422)
    expect(Object.keys(unknown.fieldErrors ?? {}).some((k) => k.startsWith('scopes'))).toBe(true)
    expect(unknown.fieldErrors?.name).toBeDefined()
  })

  it('revokes a key and audits it', async () => {
    signInAs(admin)
    const { id } = await createApiKey(['read'])
    expect(await revokeApiKeyAction({ keyId: id })).toMatchObject({ ok: true, status: 200 })
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull()
    expect(await auditOf('apikey.revoke', id)).not.toBeNull()
    expect((await revokeApiKeyAction({ keyId: id })).message).toMatch(/already revoked/)
  })

  it('answers a malformed key id with 422', async () => {
    signInAs(admin)
    const res = await revokeApiKeyAction({ keyId: 'wr_x' })
    expect(res.status).toBe(422)
    expect(res.fieldErrors?.keyId).toBeDefined()
  })
})
