/**
 * Channel secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from WARDROOM_SECRET, falling back
 * to NEXTAUTH_SECRET. The ciphertext is bound to its context (the channel id) so a value copied onto another
 * row does not decrypt. Without a master secret Wardroom refuses to store secrets rather than keep them in clear.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { env } from '@/lib/env'

const VERSION = 'v1'
const SALT = 'wardroom-notification-secrets'
const INFO = 'aes-256-gcm/v1'
const IV_BYTES = 12

export class SecretKeyMissingError extends Error {
  constructor() {
    super('Channel secrets cannot be stored or read: set WARDROOM_SECRET (or NEXTAUTH_SECRET) to at least 16 characters and restart Wardroom.')
    this.name = 'SecretKeyMissingError'
  }
}

export class SecretDecryptError extends Error {
  constructor() {
    super('A stored channel secret could not be decrypted (it was altered, or WARDROOM_SECRET changed). Enter the secret again.')
    this.name = 'SecretDecryptError'
  }
}

/** The configured master secret, or null when neither variable is set. */
export function masterSecret(): string | null {
  return env.WARDROOM_SECRET ?? env.NEXTAUTH_SECRET ?? null
}

function deriveKey(master: string | null): Buffer {
  if (!master) throw new SecretKeyMissingError()
  return Buffer.from(hkdfSync('sha256', master, SALT, INFO, 32))
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function encryptSecret(plaintext: string, context: string, master: string | null = masterSecret()): string {
  const key = deriveKey(master)
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.')
}

export function decryptSecret(token: string, context: string, master: string | null = masterSecret()): string {
  const key = deriveKey(master)
  const [version, iv, tag, ct, ...rest] = token.split('.')
  if (version !== VERSION || !iv || !tag || ct === undefined || rest.length > 0) throw new SecretDecryptError()
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new SecretDecryptError()
  }
}

export type SecretMap = Record<string, string>

export function encryptSecrets(secrets: SecretMap, context: string, master?: string | null): string {
  return encryptSecret(JSON.stringify(secrets), context, master === undefined ? masterSecret() : master)
}

export function decryptSecrets(token: string | null, context: string, master?: string | null): SecretMap {
  if (!token) return {}
  const parsed: unknown = JSON.parse(decryptSecret(token, context, master === undefined ? masterSecret() : master))
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SecretDecryptError()
  const out: SecretMap = {}
  for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v
  return out
}

export class SecretRefNotAllowedError extends Error {
  constructor() {
    super('A secret refers to an environment variable outside WARDROOM_CHANNEL_*; edit the channel and enter it again.')
    this.name = 'SecretRefNotAllowedError'
  }
}

/**
 * Secrets may be given as `env:WARDROOM_CHANNEL_NAME` (e.g. injected by the orchestrator); resolved at send
 * time so the value itself never reaches the database. Any other variable is refused here too, so a row
 * saved before the prefix rule (env:NEXTAUTH_SECRET) cannot send the server's own secrets anywhere.
 */
export function resolveSecretRefs(secrets: SecretMap, source: Record<string, string | undefined> = process.env): SecretMap {
  const out: SecretMap = {}
  for (const [k, v] of Object.entries(secrets)) {
    const ref = /^\s*env:(.*)$/i.exec(v)
    if (!ref) {
      out[k] = v
      continue
    }
    const name = /^WARDROOM_CHANNEL_[A-Z0-9_]+$/.exec(ref[1]!.trim())?.[0]
    if (!name || ref[0] !== `env:${name}`) throw new SecretRefNotAllowedError()
    out[k] = source[name] ?? ''
  }
  return out
}
