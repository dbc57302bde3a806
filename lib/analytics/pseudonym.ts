/**
 * Pseudonyms for the identifiers clinical apps send (userId, anonymousId, their session id): a keyed
 * HMAC-SHA256 (message ids too: they are free text a client chooses), so the same person gets the same pseudonym while the key stays the same, and nobody without
 * the key can go back from the pseudonym to the id or test a guess (a plain hash of a staff number could be
 * reversed by hashing every staff number).
 *
 * The key: WARDROOM_ANALYTICS_KEY (at least 16 characters), else one derived (HKDF) from WARDROOM_SECRET or
 * NEXTAUTH_SECRET — the embedded default generates those at first start, so it always has one.
 * Rotation: set a new WARDROOM_ANALYTICS_KEY and restart. From then on everyone has new pseudonyms; events
 * stored before stay under the old ones and cannot be linked to the new ones (that is the point: a key
 * that leaked stops linking). Funnels and sessions that span the change count a person twice.
 */
import { createHmac, hkdfSync } from 'node:crypto'
import { env } from '../env'
import { ApiError } from '../errors'

/**
 * What is pseudonymised: each kind has its own domain, so a userId and an anonymousId never collide. The
 * feedback area (lib/feedback) uses `reporter` (who sent a report) and `browser` (a widget's per-browser
 * token): a reporter's pseudonym does not link their reports to their analytics events.
 */
export type PseudonymKind = 'user' | 'anonymous' | 'session' | 'message' | 'reporter' | 'browser'
const PREFIX: Record<PseudonymKind, string> = { user: 'u_', anonymous: 'a_', session: 's_', message: 'm_', reporter: 'r_', browser: 'b_' }

export function analyticsKey(): Buffer | null {
  const own = process.env.WARDROOM_ANALYTICS_KEY?.trim()
  if (own && own.length >= 16) return Buffer.from(own, 'utf8')
  const shared = env.WARDROOM_SECRET ?? env.NEXTAUTH_SECRET
  // Derived, so that a secret shared with another purpose is never used raw here.
  return shared ? Buffer.from(hkdfSync('sha256', shared, Buffer.alloc(0), 'wardroom analytics pseudonym v1', 32)) : null
}

/** A pseudonymiser over one key (22 base64url characters: 132 bits of the MAC, with a kind prefix). */
export function pseudonymizer(key: Buffer): (kind: PseudonymKind, id: string) => string {
  return (kind, id) => PREFIX[kind] + createHmac('sha256', key).update(`${kind}\0${id}`).digest('base64url').slice(0, 22)
}

/** The server's pseudonymiser; 503 when no key is configured (nothing is stored without one). */
export function serverPseudonymizer(): (kind: PseudonymKind, id: string) => string {
  const key = analyticsKey()
  if (!key) throw new ApiError(503, 'not_configured', 'Wardroom needs WARDROOM_ANALYTICS_KEY (or WARDROOM_SECRET) to pseudonymise ids')
  return pseudonymizer(key)
}
