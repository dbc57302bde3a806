/**
 * The signed-in user of the current request, re-read from the database on every call so that a disabled
 * account, a role change or a password reset takes effect at once (see session-version.ts). Null when there
 * is no valid session (none, idle-expired, past the absolute lifetime, revoked, or the account disabled).
 */
import { getServerSession } from 'next-auth'
import { authOptions } from './options'
import { userForSession } from './session-version'
import type { Role } from '../rbac'

export interface SessionUser {
  id: string
  email: string
  name: string
  role: Role
}

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions)
  return session ? userForSession(session) : null
}
