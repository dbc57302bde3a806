import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { hashPassword } from '@/lib/auth/password'
import { authenticate, loginThrottle } from '@/lib/auth/login'
import { POST } from '@/app/api/auth/[...nextauth]/route'
import { routeParams, uid } from '@/test/factories'

async function userWithPassword(password: string, disabled = false) {
  const email = `${uid('login')}@test.wardroom.local`
  await db.user.create({
    data: { email, name: 'Login Test', role: 'ops', passwordHash: await hashPassword(password), disabledAt: disabled ? new Date() : null },
  })
  return email
}

function credentialsPost(email: string, ip: string) {
  return new Request('http://localhost:3000/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    body: new URLSearchParams({ email, password: 'whatever', csrfToken: 'x' }),
  })
}

describe('sign-in', () => {
  it('accepts the right password (any case of e-mail) and audits the login', async () => {
    const email = await userWithPassword('right-password-123')
    const user = await authenticate(email.toUpperCase(), 'right-password-123', '10.0.0.1')
    expect(user?.email).toBe(email)
    const audit = await db.auditLog.findFirst({ where: { action: 'auth.login', actorLabel: email } })
    expect(audit).not.toBeNull()
  })

  it('refuses disabled accounts and audits the failure without the password', async () => {
    const email = await userWithPassword('right-password-123', true)
    expect(await authenticate(email, 'right-password-123', '10.0.0.2')).toBeNull()
    const audit = await db.auditLog.findFirst({ where: { action: 'auth.login_failed', actorLabel: email }, orderBy: { id: 'desc' } })
    expect(audit?.summary).toEqual({ reason: 'account_disabled' })
    expect(JSON.stringify({ ...audit, id: String(audit?.id) })).not.toContain('right-password-123')
  })

  it('throttles an account after 5 failures in the window, even with the right password', async () => {
    const email = await userWithPassword('right-password-123')
    for (let i = 0; i < 5; i++) expect(await authenticate(email, 'wrong', `10.1.0.${i}`)).toBeNull()
    const state = await loginThrottle(email, '10.9.9.9')
    expect(state.throttled).toBe(true)
    expect(state.retryAfterSeconds).toBeGreaterThan(800)
    expect(state.retryAfterSeconds).toBeLessThanOrEqual(900)
    expect(await authenticate(email, 'right-password-123', '10.9.9.9')).toBeNull()

    const res = await POST(credentialsPost(email, '10.9.9.9'), routeParams({ nextauth: ['callback', 'credentials'] }))
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await res.json()).error.code).toBe('too_many_requests')
  })

  it('throttles an address that tries many accounts', async () => {
    const ip = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
    for (let i = 0; i < 5; i++) await authenticate(`${uid('nobody')}@test.wardroom.local`, 'x', ip)
    expect((await loginThrottle(`${uid('fresh')}@test.wardroom.local`, ip)).throttled).toBe(true)
    expect((await loginThrottle(`${uid('fresh')}@test.wardroom.local`, '10.3.3.3')).throttled).toBe(false)
  })

  it('forgets failures older than the window', async () => {
    const email = `${uid('old')}@test.wardroom.local`
    const old = new Date(Date.now() - 16 * 60 * 1000)
    await db.loginAttempt.createMany({ data: Array.from({ length: 6 }, () => ({ email, ip: '10.4.4.4', success: false, at: old })) })
    expect((await loginThrottle(email, '10.4.4.5')).throttled).toBe(false)
  })
})
