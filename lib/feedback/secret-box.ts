/**
 * Site key secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from WARDROOM_SECRET, falling
 * back to NEXTAUTH_SECRET, bound to the key's public id (so a value copied onto another row does not
 * decrypt). The same construction as channel secrets (lib/notifications/crypto.ts) under its own derived
 * key; feedback may not import notifications. Rotating WARDROOM_SECRET makes stored secrets unreadable:
 * identity tokens then fail (401) until a new site key is created.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { env } from '@/lib/env'
import { ApiError } from '@/lib/errors'

const VERSION = 'v1'
const SALT = 'wardroom-feedback-site-keys'
const INFO = 'aes-256-gcm/v1'

function key(master = env.WARDROOM_SECRET ?? env.NEXTAUTH_SECRET): Buffer {
  if (!master) throw new ApiError(503, 'not_configured', 'Site key secrets need WARDROOM_SECRET (or NEXTAUTH_SECRET) to be set')
  return Buffer.from(hkdfSync('sha256', master, SALT, INFO, 32))
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function sealSecret(plaintext: string, context: string, master?: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(master), iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.')
}

/** The plaintext, or null when the value was altered, moved to another row or sealed under another secret. */
export function openSecret(sealed: string, context: string, master?: string): string | null {
  const [version, iv, tag, ct, ...rest] = sealed.split('.')
  if (version !== VERSION || !iv || !tag || ct === undefined || rest.length) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(master), Buffer.from(iv, 'base64url'))
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
