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
import crypto, { createHash, createHmac, hkdfSync } from 'node:crypto'
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

/** HMAC-SHA256 of `domain\0text` as node:crypto computes it, in base64url. */
const macOf = (key: Buffer, domain: string, text: string) => createHmac('sha256', key).update(`${domain}\0${text}`).digest('base64url')

type OneShotHash = (algorithm: string, data: Buffer, encoding: 'buffer' | 'base64url') => Buffer | string
/** node:crypto's one-shot `hash` (Node ≥ 20.12), which skips the Hash object of createHash/createHmac. */
const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash

const BLOCK = 64
/** Room for the inner message; a longer one takes createHmac. */
const SCRATCH = 2048

/**
 * The same HMAC-SHA256 in two one-shot hashes, H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)) (RFC 2104; a key longer
 * than the block is hashed first, as createHmac does), written into buffers kept for the pseudonymiser:
 * about 40 % less CPU per pseudonym than createHmac, and ingest computes two or three per event.
 * pseudonym.test.ts checks it against createHmac. Not reentrant, and needs none: it never awaits.
 */
function fastMac(key: Buffer, hash: OneShotHash): (domain: string, text: string) => string {
  const k = key.length > BLOCK ? createHash('sha256').update(key).digest() : key
  const inner = Buffer.alloc(BLOCK + SCRATCH, 0)
  const outer = Buffer.alloc(BLOCK + 32, 0)
  k.copy(inner)
  k.copy(outer)
  for (let i = 0; i < BLOCK; i++) {
    inner[i]! ^= 0x36
    outer[i]! ^= 0x5c
  }
  return (domain, text) => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (3 * (domain.length + 1 + text.length) > SCRATCH) return macOf(key, domain, text)
    let n = inner.write(domain, BLOCK, 'utf8')
    inner[BLOCK + n++] = 0
    n += inner.write(text, BLOCK + n, 'utf8')
    ;(hash('sha256', inner.subarray(0, BLOCK + n), 'buffer') as Buffer).copy(outer, BLOCK)
    return hash('sha256', outer, 'base64url') as string
  }
}

/** HMAC-SHA256 under `key` of `domain\0text`, in base64url (43 characters). */
export function keyedMac(key: Buffer): (domain: string, text: string) => string {
  return oneShot ? fastMac(key, oneShot) : (domain, text) => macOf(key, domain, text)
}

/** A pseudonymiser over one key (22 base64url characters: 132 bits of the MAC, with a kind prefix). */
export function pseudonymizer(key: Buffer): (kind: PseudonymKind, id: string) => string {
  const mac = keyedMac(key)
  return (kind, id) => PREFIX[kind] + mac(kind, id).slice(0, 22)
}

/** The server's pseudonymiser; 503 when no key is configured (nothing is stored without one). */
export function serverPseudonymizer(): (kind: PseudonymKind, id: string) => string {
  const key = analyticsKey()
  if (!key) throw new ApiError(503, 'not_configured', 'Wardroom needs WARDROOM_ANALYTICS_KEY (or WARDROOM_SECRET) to pseudonymise ids')
  return pseudonymizer(key)
}
