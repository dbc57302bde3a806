import { describe, expect, it } from 'vitest'
import {
  decryptSecret,
  decryptSecrets,
  encryptSecret,
  encryptSecrets,
  resolveSecretRefs,
  SecretRefNotAllowedError,
  SecretDecryptError,
  SecretKeyMissingError,
} from './crypto'

const KEY = 'test-master-secret-0123456789abcdef'

describe('channel secret encryption', () => {
  it('round-trips and uses a fresh IV each time', () => {
    const a = encryptSecret('https://hooks.slack.com/services/T0/B0/xyz', 'ch-1', KEY)
    const b = encryptSecret('https://hooks.slack.com/services/T0/B0/xyz', 'ch-1', KEY)
    expect(a).not.toBe(b)
    expect(a).not.toContain('hooks.slack.com')
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(decryptSecret(a, 'ch-1', KEY)).toBe('https://hooks.slack.com/services/T0/B0/xyz')
  })

  it('round-trips a map of secrets', () => {
    const token = encryptSecrets({ routingKey: 'R0UT1NGKEY', password: 'p@ss' }, 'ch-2', KEY)
    expect(decryptSecrets(token, 'ch-2', KEY)).toEqual({ routingKey: 'R0UT1NGKEY', password: 'p@ss' })
    expect(decryptSecrets(null, 'ch-2', KEY)).toEqual({})
  })

  it('detects tampering with ciphertext, tag or IV', () => {
    const token = encryptSecret('signing-secret-value', 'ch-1', KEY)
    const [v, iv, tag, ct] = token.split('.') as [string, string, string, string]
    const flip = (s: string) => {
      const buf = Buffer.from(s, 'base64url')
      buf[0] = buf[0]! ^ 0x01
      return buf.toString('base64url')
    }
    expect(() => decryptSecret([v, iv, tag, flip(ct)].join('.'), 'ch-1', KEY)).toThrow(SecretDecryptError)
    expect(() => decryptSecret([v, iv, flip(tag), ct].join('.'), 'ch-1', KEY)).toThrow(SecretDecryptError)
    expect(() => decryptSecret([v, flip(iv), tag, ct].join('.'), 'ch-1', KEY)).toThrow(SecretDecryptError)
    expect(() => decryptSecret('garbage', 'ch-1', KEY)).toThrow(SecretDecryptError)
  })

  it('binds the ciphertext to its channel and to the master secret', () => {
    const token = encryptSecret('signing-secret-value', 'ch-1', KEY)
    expect(() => decryptSecret(token, 'ch-2', KEY)).toThrow(SecretDecryptError)
    expect(() => decryptSecret(token, 'ch-1', `${KEY}-rotated`)).toThrow(SecretDecryptError)
  })

  it('refuses to store secrets without a master secret, with a clear error', () => {
    expect(() => encryptSecret('x', 'ch-1', null)).toThrow(SecretKeyMissingError)
    expect(() => encryptSecret('x', 'ch-1', null)).toThrow(/WARDROOM_SECRET/)
  })

  it('resolves env: references to WARDROOM_CHANNEL_* variables from the environment', () => {
    expect(resolveSecretRefs({ a: 'env:WARDROOM_CHANNEL_MY_HOOK', b: 'plain' }, { WARDROOM_CHANNEL_MY_HOOK: 'https://x' })).toEqual({ a: 'https://x', b: 'plain' })
    expect(resolveSecretRefs({ a: 'env:WARDROOM_CHANNEL_MISSING' }, {})).toEqual({ a: '' })
  })

  it('refuses references to any other variable, even one stored before the rule (the server secrets)', () => {
    const source = { NEXTAUTH_SECRET: 'signing-key', DATABASE_URL: 'postgres://u:p@db/x', WARDROOM_CHANNEL_OK: 'ok' }
    for (const ref of ['env:NEXTAUTH_SECRET', 'env:DATABASE_URL', 'env:CRON_SECRET', 'env:WARDROOM_SECRET', 'ENV:NEXTAUTH_SECRET', ' env:NEXTAUTH_SECRET', 'env:WARDROOM_CHANNEL_', 'env:wardroom_channel_ok']) {
      expect(() => resolveSecretRefs({ a: ref }, source), ref).toThrow(SecretRefNotAllowedError)
    }
  })
})
