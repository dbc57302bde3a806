import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { systemActor } from '@/lib/auth/actor'
import { disableUser, enableUser, resetUserPassword, updateUserRole } from '@/lib/admin/commands/users'
import { authOptions } from '@/lib/auth/options'
import { userForSession } from '@/lib/auth/session-version'
import { createUser } from '@/test/factories'

const claimsOf = (uid: string, sv = 0) => ({ uid, loginAt: Math.floor(Date.now() / 1000), sv })

describe('session versions', () => {
  it('accept a token carrying the current version', async () => {
    const user = await createUser('ops')
    expect(await userForSession(claimsOf(user.id))).toMatchObject({ id: user.id, role: 'ops' })
  })

  it('refuse tokens without a version (issued before versions existed) or with the wrong one', async () => {
    const user = await createUser('ops')
    expect(await userForSession({ uid: user.id, loginAt: Math.floor(Date.now() / 1000) })).toBeNull()
    expect(await userForSession(claimsOf(user.id, 1))).toBeNull()
  })

  it('end the session on password reset', async () => {
    const user = await createUser('ops')
    await resetUserPassword(systemActor(), user.email)
    expect(await userForSession(claimsOf(user.id))).toBeNull()
    expect(await userForSession(claimsOf(user.id, 1))).not.toBeNull() // a sign-in after the reset
  })

  it('end the session on a role change', async () => {
    const user = await createUser('ops')
    await updateUserRole(systemActor(), { userId: user.id, role: 'viewer' })
    expect(await userForSession(claimsOf(user.id))).toBeNull()
    expect(await userForSession(claimsOf(user.id, 1))).toMatchObject({ role: 'viewer' })
  })

  it('end the session on disable, and re-enabling does not revive it', async () => {
    const user = await createUser('ops')
    await disableUser(systemActor(), user.id)
    expect(await userForSession(claimsOf(user.id))).toBeNull()
    await enableUser(systemActor(), user.id)
    expect(await userForSession(claimsOf(user.id))).toBeNull()
    expect(await userForSession(claimsOf(user.id, 1))).not.toBeNull()
  })

  it('do not change when nothing changed (same role, already disabled)', async () => {
    const user = await createUser('ops')
    await updateUserRole(systemActor(), { userId: user.id, role: 'ops' })
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(0)
  })

  it('empty the token in the jwt callback, so /api/auth/session stops refreshing it', async () => {
    const user = await createUser('ops')
    const jwt = authOptions.callbacks!.jwt!
    const call = (token: Record<string, unknown>) =>
      jwt({ token: { ...token }, user: undefined as never, account: null }) as Promise<Record<string, unknown>>
    expect(await call(claimsOf(user.id))).toMatchObject({ uid: user.id, sv: 0 })
    await resetUserPassword(systemActor(), user.id)
    expect(await call(claimsOf(user.id))).toEqual({})
  })

  it('put the version in the token at sign-in', async () => {
    const jwt = authOptions.callbacks!.jwt!
    const token = await jwt({ token: {}, user: { id: 'u1', sessionVersion: 3 }, account: null })
    expect(token).toMatchObject({ uid: 'u1', sv: 3 })
  })
})
