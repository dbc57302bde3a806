/** The session user the mocked lib/auth/session returns in DB tests (see setup-db.ts). */
import type { SessionUser } from '@/lib/auth/session'

let current: SessionUser | null = null

export function signInAs(user: SessionUser | null): void {
  current = user
}

export function signOut(): void {
  current = null
}

export function currentSessionUser(): SessionUser | null {
  return current
}
