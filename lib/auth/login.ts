/**
 * Credential checks with throttling: after LOGIN_MAX_FAILURES failures within LOGIN_WINDOW_SECONDS for an
 * account or for an IP address, further attempts are refused (429) until the window passes. Every failure
 * is audited (without the password, and with the e-mail only as typed for the account that exists).
 */
import { db } from '../db'
import { env } from '../env'
import { recordAudit } from '../audit'
import { dummyPasswordHash, verifyPassword } from './password'
import type { Role } from '../rbac'

export interface AuthenticatedUser {
  id: string
  email: string
  name: string
  role: Role
}

export interface ThrottleState {
  throttled: boolean
  retryAfterSeconds: number
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** Whether the account or the address has used up its failures in the current window. */
export async function loginThrottle(email: string, ip: string, now = new Date()): Promise<ThrottleState> {
  const since = new Date(now.getTime() - env.LOGIN_WINDOW_SECONDS * 1000)
  const e = normaliseEmail(email)
  const [byEmail, byIp] = await Promise.all([
    db.loginAttempt.findMany({
      where: { email: e, success: false, at: { gte: since } },
      orderBy: { at: 'asc' },
      select: { at: true },
    }),
    ip === 'unknown'
      ? Promise.resolve([])
      : db.loginAttempt.findMany({ where: { ip, success: false, at: { gte: since } }, orderBy: { at: 'asc' }, select: { at: true } }),
  ])
  const max = env.LOGIN_MAX_FAILURES
  const blocking = [byEmail, byIp].filter((list) => list.length >= max)
  if (blocking.length === 0) return { throttled: false, retryAfterSeconds: 0 }
  // The window frees up when the oldest failure that still counts falls out of it.
  const until = Math.max(
    ...blocking.map((list) => list[list.length - max]!.at.getTime() + env.LOGIN_WINDOW_SECONDS * 1000),
  )
  return { throttled: true, retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) }
}

export async function authenticate(emailRaw: string, password: string, ip: string): Promise<AuthenticatedUser | null> {
  const email = normaliseEmail(emailRaw)
  if (!email || !password || email.length > 320 || password.length > 1024) return null
  if ((await loginThrottle(email, ip)).throttled) return null

  const user = await db.user.findUnique({ where: { email } })
  // Compare against a dummy hash when the account is unknown, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()))
  const success = Boolean(user && ok && !user.disabledAt)
  await db.loginAttempt.create({ data: { email, ip, success } })

  if (!success || !user) {
    await recordAudit(
      { type: 'user', id: user?.id ?? null, label: user ? user.email : 'unknown account' },
      {
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user?.id ?? null,
        summary: { reason: !user ? 'unknown_account' : user.disabledAt ? 'account_disabled' : 'wrong_password' },
        ip,
      },
    )
    return null
  }
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } })
  await recordAudit({ type: 'user', id: user.id, label: user.email }, { action: 'auth.login', targetType: 'user', targetId: user.id, ip })
  return { id: user.id, email: user.email, name: user.name, role: user.role }
}
