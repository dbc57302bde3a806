import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { hashPassword } from '@/lib/auth/password'
import { authenticate, loginThrottle } from '@/lib/auth/login'
import { loginHashGate, type Release } from '@/lib/auth/hash-gate'
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

const randomIp = (prefix: string) => `${prefix}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
const credentials = (nextauth = ['callback', 'credentials']) => routeParams({ nextauth })

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

  it('counts parallel guesses atomically: no more than LOGIN_MAX_FAILURES reach the password check', async () => {
    const email = await userWithPassword('right-password-123')
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => authenticate(email, 'wrong', `10.5.0.${i}`)))
    expect(results.every((r) => r === null)).toBe(true)
    expect(await db.loginAttempt.count({ where: { email } })).toBe(env.LOGIN_MAX_FAILURES)
    expect((await loginThrottle(email, '10.5.9.9')).throttled).toBe(true)
  })

  it('throttles unknown e-mails per address, even when they arrive all at once', async () => {
    const ip = randomIp('10.6')
    await Promise.all(Array.from({ length: 10 }, () => authenticate(`${uid('ghost')}@test.wardroom.local`, 'x', ip)))
    expect(await db.loginAttempt.count({ where: { ip } })).toBe(env.LOGIN_MAX_FAILURES)
    expect((await loginThrottle(`${uid('ghost')}@test.wardroom.local`, ip)).throttled).toBe(true)
  })

  it('marks a successful sign-in as a success, so it does not count towards the limit', async () => {
    const email = await userWithPassword('right-password-123')
    expect(await authenticate(email, 'right-password-123', '10.7.0.1')).not.toBeNull()
    expect(await db.loginAttempt.findMany({ where: { email }, select: { success: true } })).toEqual([{ success: true }])
  })

  it('throttles by the real address: a made-up X-Forwarded-For entry on the left does not reset the count', async () => {
    const ip = randomIp('10.8')
    await db.loginAttempt.createMany({
      data: Array.from({ length: env.LOGIN_MAX_FAILURES }, () => ({ email: `${uid('x')}@test.wardroom.local`, ip, success: false })),
    })
    const spoofed = `203.0.113.${Math.floor(Math.random() * 250)}, ${ip}`
    const res = await POST(credentialsPost(`${uid('fresh')}@test.wardroom.local`, spoofed), credentials())
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('answers 503 with Retry-After when the password-hashing slots and their short queue are full', async () => {
    const held: Release[] = []
    const queued: Promise<Release | null>[] = []
    for (let i = 0; i < env.LOGIN_HASH_CONCURRENCY; i++) held.push((await loginHashGate.acquire())!)
    for (let i = 0; i < env.LOGIN_HASH_CONCURRENCY * 2; i++) queued.push(loginHashGate.acquire())
    try {
      const res = await POST(credentialsPost(`${uid('busy')}@test.wardroom.local`, randomIp('10.9')), credentials())
      expect(res.status).toBe(503)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
      expect((await res.json()).error.code).toBe('unavailable')
    } finally {
      held.forEach((release) => release())
      for (const q of queued) (await q)?.()
    }
    expect(loginHashGate.active).toBe(0)
  })

  it('refuses sign-in bodies over BODY_LIMIT_BYTES with 413 before parsing them', async () => {
    const body = `email=a%40b.c&password=${'x'.repeat(env.BODY_LIMIT_BYTES)}`
    const req = new Request('http://localhost:3000/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': randomIp('10.10') },
      body,
    })
    const res = await POST(req, credentials())
    expect(res.status).toBe(413)
    expect((await res.json()).error.code).toBe('payload_too_large')
  })

  it('tells an attempt that only in-flight sign-ins fill the window to retry in seconds, not minutes', async () => {
    const ip = randomIp('10.12')
    const row = () => ({ email: `${uid('nat')}@test.wardroom.local`, ip, success: false, pending: true })
    await db.loginAttempt.createMany({ data: Array.from({ length: env.LOGIN_MAX_FAILURES }, row) })
    expect(await loginThrottle(`${uid('nat')}@test.wardroom.local`, ip)).toEqual({ throttled: true, retryAfterSeconds: 2 })
    // Pending for minutes: its process died mid-check, and it counts as the failure it may have been.
    const later = new Date(Date.now() + 2 * 60 * 1000)
    expect((await loginThrottle(`${uid('nat')}@test.wardroom.local`, ip, later)).retryAfterSeconds).toBeGreaterThan(600)
  })
})

