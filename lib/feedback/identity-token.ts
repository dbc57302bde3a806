/**
 * Identity tokens of the feedback widget: the host app signs who its user is with the site key's secret,
 * so a report carries a pseudonymous reporter (lib/analytics/pseudonym.ts, kind `reporter`) that no one
 * in the browser can forge. Pure; unit-tested with worked examples in identity-token.test.ts.
 *
 * Format: `v1.<user id, base64url of UTF-8>.<expiry, Unix seconds>.<signature>` where the signature is
 * HMAC-SHA256, keyed with the site secret (its UTF-8 bytes, as given on creation), over everything before
 * the last dot, in base64url without padding. In Node:
 *   const body = `v1.${Buffer.from(userId).toString('base64url')}.${Math.floor(Date.now() / 1000) + 3600}`
 *   const token = `${body}.${createHmac('sha256', siteSecret).update(body).digest('base64url')}`
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

/** A token may live at most this long from now (a host mints one per page load or session). */
export const MAX_TOKEN_LIFETIME_S = 24 * 60 * 60
/** Clocks differ: an expiry this far in the past still counts. */
export const CLOCK_SKEW_S = 60
const MAX_USER_ID = 200

export type IdentityCheck =
  | { ok: true; userId: string; expiresAt: number }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'too_long_lived' }

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url')

/** A token for `userId` valid until `expiresAt` (Unix seconds): what a host computes on its server. */
export function signIdentityToken(secret: string, userId: string, expiresAt: number): string {
  const body = `v1.${Buffer.from(userId, 'utf8').toString('base64url')}.${Math.floor(expiresAt)}`
  return `${body}.${sign(secret, body)}`
}

/** Checks a token against the site secret at `now` (Unix seconds). The signature is compared in constant time. */
export function verifyIdentityToken(secret: string, token: string, now = Math.floor(Date.now() / 1000)): IdentityCheck {
  const m = /^v1\.([A-Za-z0-9_-]{1,400})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token.trim())
  if (!m) return { ok: false, reason: 'malformed' }
  const [, id, exp, signature] = m as unknown as [string, string, string, string]
  const expected = Buffer.from(sign(secret, `v1.${id}.${exp}`))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' }
  const expiresAt = Number(exp)
  if (expiresAt + CLOCK_SKEW_S < now) return { ok: false, reason: 'expired' }
  if (expiresAt > now + MAX_TOKEN_LIFETIME_S + CLOCK_SKEW_S) return { ok: false, reason: 'too_long_lived' }
  const userId = Buffer.from(id, 'base64url').toString('utf8').trim()
  if (!userId || userId.length > MAX_USER_ID || /\p{Cc}/u.test(userId)) return { ok: false, reason: 'malformed' }
  return { ok: true, userId, expiresAt }
}
