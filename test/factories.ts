/** Test data with unique names; each test creates what it needs. */
import { randomUUID } from 'node:crypto'
import { db } from '@/lib/db'
import { generateApiKey } from '@/lib/auth/api-keys'
import type { ApiScope, Role } from '@/lib/rbac'
import type { SessionUser } from '@/lib/auth/session'

export const uid = (p = 't') => `${p}-${randomUUID().slice(0, 8)}`

// A fixed scrypt hash is not needed by most tests; real hashing is covered in password.test.ts.
const NOT_A_PASSWORD = 'scrypt$2$1$1$AAAA$AAAA'

export async function createUser(role: Role, overrides: Partial<{ email: string; name: string }> = {}): Promise<SessionUser> {
  const email = overrides.email ?? `${uid(role)}@test.wardroom.local`
  const u = await db.user.create({ data: { email, name: overrides.name ?? `Test ${role}`, role, passwordHash: NOT_A_PASSWORD } })
  return { id: u.id, email: u.email, name: u.name, role: u.role }
}

export async function createApiKey(scopes: ApiScope[], environment = 'production'): Promise<{ key: string; id: string }> {
  const { key, prefix, hash } = generateApiKey()
  const row = await db.apiKey.create({ data: { name: uid('key'), prefix, hash, scopes, environment } })
  return { key, id: row.id }
}

/** A Request as Next hands it to a route handler. */
export function request(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string; signal?: AbortSignal } = {},
): Request {
  const headers = new Headers(init.headers)
  let body: string | undefined = init.raw
  if (init.body !== undefined) {
    body = JSON.stringify(init.body)
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  }
  return new Request(new URL(url, 'http://localhost:3000'), { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, signal: init.signal })
}

export const routeParams = <P extends Record<string, string | string[]>>(params: P) => ({ params: Promise.resolve(params) })
