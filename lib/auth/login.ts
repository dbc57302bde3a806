/**
 * Credential checks with throttling: after LOGIN_MAX_FAILURES failures within LOGIN_WINDOW_SECONDS for an
 * account or for an address (known account or not), further attempts are refused (429) until the window
 * passes. Every failure is audited (without the password, and with the e-mail only as typed for the account
 * that exists).
 *
 * The check and the record are one step: each attempt is written as a pending failure under advisory locks
 * on its account and its address *before* the password is hashed, and settled afterwards. Parallel guesses
 * therefore queue on the locks and see each other's rows; at most LOGIN_MAX_FAILURES of them reach the hash,
 * however many arrive at once. When only attempts still in flight fill the window (colleagues behind one
 * NAT signing in at the same moment), the answer is to retry in a couple of seconds, not in 15 minutes.
 * Settling the attempt, recording the sign-in and its audit entry are one transaction.
 */
import { db, Prisma } from '../db'
import { env } from '../env'
import { recordAudit } from '../audit'
import { inTransaction } from '@/lib/tx'
import { dummyPasswordHash, verifyPassword } from './password'
import type { Role } from '../rbac'

export interface AuthenticatedUser {
  id: string
  email: string
  name: string
  role: Role
  sessionVersion: number
}

export interface ThrottleState {
  throttled: boolean
  retryAfterSeconds: number
}

type Reader = Pick<Prisma.TransactionClient, 'loginAttempt'>

// Advisory lock key spaces (first half of the two-key form), so account and address locks never collide.
const LOCK_ACCOUNT = 7201
const LOCK_ADDRESS = 7202
// An attempt still pending after this long died with its process: it counts as a failure.
const PENDING_STALE_MS = 60_000
const IN_FLIGHT_RETRY_SECONDS = 2

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

async function throttleState(client: Reader, email: string, ip: string, now: Date): Promise<ThrottleState> {
  const since = new Date(now.getTime() - env.LOGIN_WINDOW_SECONDS * 1000)
  const recent = { success: false, at: { gte: since } }
  const select = { at: true, pending: true } as const
  const [byEmail, byIp] = await Promise.all([
    client.loginAttempt.findMany({ where: { email, ...recent }, orderBy: { at: 'asc' }, select }),
    // 'unknown' (no usable address) is one bucket: failing closed beats exempting whoever hides its address.
    client.loginAttempt.findMany({ where: { ip, ...recent }, orderBy: { at: 'asc' }, select }),
  ])
  const max = env.LOGIN_MAX_FAILURES
  const inFlight = (a: { at: Date; pending: boolean }) => a.pending && now.getTime() - a.at.getTime() < PENDING_STALE_MS
  const failed = [byEmail, byIp].map((list) => list.filter((a) => !inFlight(a)))
  const blocking = failed.filter((list) => list.length >= max)
  if (blocking.length > 0) {
    // The window frees up when the oldest failure that still counts falls out of it.
    const until = Math.max(...blocking.map((list) => list[list.length - max]!.at.getTime() + env.LOGIN_WINDOW_SECONDS * 1000))
    return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) }
  }
  if (byEmail.length >= max || byIp.length >= max) return { throttled: true, retryAfterSeconds: IN_FLIGHT_RETRY_SECONDS }
  return { throttled: false, retryAfterSeconds: 0 }
}

/** Whether the account or the address has used up its failures in the current window (a read, no record). */
export async function loginThrottle(email: string, ip: string, now = new Date()): Promise<ThrottleState> {
  return throttleState(db, normaliseEmail(email), ip, now)
}

/**
 * Counts and records the attempt atomically: under per-account and per-address locks (always taken in that
 * order, so two attempts cannot deadlock), either the window is used up, or a failed attempt is written and
 * its id returned for authenticate to mark as a success.
 */
export async function reserveLoginAttempt(
  email: string,
  ip: string,
  now = new Date(),
): Promise<({ throttled: true } & ThrottleState) | { throttled: false; attemptId: bigint }> {
  return inTransaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${LOCK_ACCOUNT}::int4, hashtext(${email}))::text`
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${LOCK_ADDRESS}::int4, hashtext(${ip}))::text`
    const state = await throttleState(tx, email, ip, now)
    if (state.throttled) return { ...state, throttled: true as const }
    const row = await tx.loginAttempt.create({ data: { email, ip, success: false, pending: true, at: now }, select: { id: true } })
    return { throttled: false as const, attemptId: row.id }
  })
}

export async function authenticate(emailRaw: string, password: string, ip: string): Promise<AuthenticatedUser | null> {
  const email = normaliseEmail(emailRaw)
  if (!email || !password || email.length > 320 || password.length > 1024) return null
  const attempt = await reserveLoginAttempt(email, ip)
  if (attempt.throttled) return null

  const user = await db.user.findUnique({ where: { email } })
  // Compare against a dummy hash when the account is unknown, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()))
  const success = Boolean(user && ok && !user.disabledAt)
  // The attempt is settled, the sign-in recorded and audited in one transaction.
  const actor = { type: 'user' as const, id: user?.id ?? null, label: user ? user.email : 'unknown account' }
  await inTransaction(async (tx) => {
    await tx.loginAttempt.update({ where: { id: attempt.attemptId }, data: { success, pending: false } })
    if (success && user) {
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } })
      await recordAudit(actor, { action: 'auth.login', targetType: 'user', targetId: user.id, ip }, tx)
    } else {
      const reason = !user ? 'unknown_account' : user.disabledAt ? 'account_disabled' : 'wrong_password'
      await recordAudit(actor, { action: 'auth.login_failed', targetType: 'user', targetId: user?.id ?? null, summary: { reason }, ip }, tx)
    }
  })
  if (!success || !user) return null
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion }
}
