/**
 * Session revocation. Each user row carries a session version, copied into the session token at sign-in and
 * raised by password reset, role change and disable (bumpSessionVersion, inside the same transaction as the
 * change). A token whose version is not the row's current one belongs to a session that has ended.
 *
 * userForSession re-reads the row on every call (pages, actions and routes ask it), so the next request with
 * an old token is signed out. The next-auth jwt callback asks sessionVersionIsCurrent, cached per instance
 * for SESSION_VERSION_CACHE_MS, so that /api/auth/session also stops refreshing the cookie.
 */
import { db, type Prisma } from '../db'
import type { User } from '../generated/prisma/client'
import { env } from '../env'

export interface SessionClaims {
  uid?: string
  loginAt?: number
  sv?: number
}

const SESSION_VERSION_CACHE_MS = 3_000

/** Ends every session of the user (call inside the transaction that resets, re-roles or disables them). */
export async function bumpSessionVersion(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { id: true } })
  versionCache.delete(userId)
}

/**
 * The user the claims belong to (the fields of ./session.ts's SessionUser, typed from the row so that this
 * file does not import session.ts, which imports it), or null when the session is incomplete, too old,
 * revoked or disabled.
 */
export async function userForSession(claims: SessionClaims, now = Date.now()): Promise<Pick<User, 'id' | 'email' | 'name' | 'role'> | null> {
  if (!claims.uid || !claims.loginAt || typeof claims.sv !== 'number') return null
  if (now / 1000 - claims.loginAt > env.SESSION_MAX_AGE) return null
  const user = await db.user.findUnique({
    where: { id: claims.uid },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, sessionVersion: true },
  })
  if (!user || user.disabledAt || user.sessionVersion !== claims.sv) return null
  return { id: user.id, email: user.email, name: user.name, role: user.role }
}

const g = globalThis as unknown as { wardroomSessionVersions?: Map<string, { version: number | null; until: number }> }
const versionCache = (g.wardroomSessionVersions ??= new Map())

/** Whether a token's version is still the user's (null user or disabled: not current). Cached briefly. */
export async function sessionVersionIsCurrent(uid: string, sv: number | undefined, now = Date.now()): Promise<boolean> {
  if (typeof sv !== 'number') return false
  let hit = versionCache.get(uid)
  if (!hit || hit.until <= now) {
    const row = await db.user.findUnique({ where: { id: uid }, select: { sessionVersion: true, disabledAt: true } })
    hit = { version: row && !row.disabledAt ? row.sessionVersion : null, until: now + SESSION_VERSION_CACHE_MS }
    if (versionCache.size > 10_000) versionCache.clear()
    versionCache.set(uid, hit)
  }
  return hit.version === sv
}
