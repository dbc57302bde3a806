/**
 * API keys for machines: `wr_<12 char id>_<secret>`, shown once, stored as SHA-256. Verified keys are
 * cached in memory for a few seconds so hot ingest and evaluation paths do not hit the database per
 * request; revocation therefore takes effect within KEY_CACHE_MS on every instance.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { db } from '../db'
import type { ApiScope } from '../rbac'

export interface ApiKeyPrincipal {
  id: string
  name: string
  prefix: string
  scopes: ApiScope[]
  environment: string
}

const KEY_CACHE_MS = 10_000
const LAST_USED_WRITE_MS = 60_000

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `wr_${randomBytes(9).toString('base64url')}`
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`
  return { key, prefix, hash: hashApiKey(key) }
}

export function apiKeyPrefix(key: string): string | null {
  const m = /^(wr_[A-Za-z0-9_-]{12})_[A-Za-z0-9_-]{43}$/.exec(key)
  return m ? m[1]! : null
}

/**
 * The key a request carries, from `Authorization: Bearer`, `X-API-Key`, or last `Authorization: Basic` with
 * the key as the user name (Segment's and RudderStack's SDKs send their write key so; the password is ignored)
 * when that name has a key's shape.
 */
export function apiKeyFromHeaders(headers: Headers): string | null {
  const auth = headers.get('authorization')
  if (auth && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim() || null
  const header = headers.get('x-api-key')?.trim()
  if (header) return header
  if (auth && /^basic\s+/i.test(auth)) {
    const decoded = Buffer.from(auth.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const user = (colon < 0 ? decoded : decoded.slice(0, colon)).trim()
    // Only a user name shaped like a Wardroom key: a proxy's own Basic credentials, which browsers repeat
    // on every request behind it, must not turn a signed-in person's request into a failed key check.
    return apiKeyPrefix(user) ? user : null
  }
  return null
}

const g = globalThis as unknown as {
  wardroomKeyCache?: Map<string, { principal: ApiKeyPrincipal | null; until: number }>
  wardroomKeyUsed?: Map<string, number>
}
const cache = (g.wardroomKeyCache ??= new Map())
const lastUsedWrites = (g.wardroomKeyUsed ??= new Map())

export function clearApiKeyCache(): void {
  cache.clear()
}

/** Resolves a presented key to its principal, or null when unknown, revoked or expired. */
export async function verifyApiKey(key: string, now = Date.now()): Promise<ApiKeyPrincipal | null> {
  const prefix = apiKeyPrefix(key)
  if (!prefix) return null
  const hash = hashApiKey(key)
  const hit = cache.get(hash)
  if (hit && hit.until > now) return hit.principal

  const row = await db.apiKey.findUnique({ where: { prefix } })
  let principal: ApiKeyPrincipal | null = null
  if (
    row &&
    !row.revokedAt &&
    (!row.expiresAt || row.expiresAt.getTime() > now) &&
    timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(hash, 'hex'))
  ) {
    principal = { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes as ApiScope[], environment: row.environment }
  }
  if (cache.size > 10_000) cache.clear()
  cache.set(hash, { principal, until: now + KEY_CACHE_MS })
  return principal
}

/** Records last use at most once a minute per key, off the request's critical path. */
export function touchApiKey(id: string, now = Date.now()): void {
  const last = lastUsedWrites.get(id) ?? 0
  if (now - last < LAST_USED_WRITE_MS) return
  lastUsedWrites.set(id, now)
  db.apiKey.update({ where: { id }, data: { lastUsedAt: new Date(now) } }).catch(() => lastUsedWrites.delete(id))
}
