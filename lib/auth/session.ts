/**
 * The signed-in user of the current request, re-read from the database on every call so that a disabled
 * account or a role change takes effect at once. Null when there is no valid session (none, idle-expired,
 * past the absolute lifetime, or the account disabled).
 */
import { getServerSession } from 'next-auth'
import { db } from '../db'
import { env } from '../env'
import { authOptions } from './options'
import type { Role } from '../rbac'

export interface SessionUser {
  id: string
  email: string
  name: string
  role: Role
}

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions)
  if (!session?.uid || !session.loginAt) return null
  if (Date.now() / 1000 - session.loginAt > env.SESSION_MAX_AGE) return null
  const user = await db.user.findUnique({
    where: { id: session.uid },
    select: { id: true, email: true, name: true, role: true, disabledAt: true },
  })
  if (!user || user.disabledAt) return null
  return { id: user.id, email: user.email, name: user.name, role: user.role }
}
