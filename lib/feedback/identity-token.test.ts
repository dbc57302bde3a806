import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MAX_TOKEN_LIFETIME_S, signIdentityToken, verifyIdentityToken } from './identity-token'

const SECRET = 'wks_test-secret-0123456789abcdefghijklmnop'
const NOW = 1_800_000_000

describe('identity tokens', () => {
  it('is the documented HMAC-SHA256 over v1.<base64url id>.<expiry> (a worked example a host can reproduce)', () => {
    const token = signIdentityToken(SECRET, 'nurse-4711', NOW + 3600)
    const body = `v1.${Buffer.from('nurse-4711').toString('base64url')}.${NOW + 3600}`
    expect(body).toBe('v1.bnVyc2UtNDcxMQ.1800003600')
    expect(token).toBe(`${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`)
    expect(verifyIdentityToken(SECRET, token, NOW)).toEqual({ ok: true, userId: 'nurse-4711', expiresAt: NOW + 3600 })
  })

  it('carries any UTF-8 user id', () => {
    const token = signIdentityToken(SECRET, 'dr.müller@klinik', NOW + 60)
    expect(verifyIdentityToken(SECRET, token, NOW)).toMatchObject({ ok: true, userId: 'dr.müller@klinik' })
  })

  it('refuses another secret’s signature and any change to the id or the expiry', () => {
    const token = signIdentityToken(SECRET, 'nurse-4711', NOW + 3600)
    expect(verifyIdentityToken('wks_another-secret-0123456789abcdef', token, NOW)).toEqual({ ok: false, reason: 'bad_signature' })
    const [v, , exp, sig] = token.split('.')
    const otherId = Buffer.from('nurse-4712').toString('base64url')
    expect(verifyIdentityToken(SECRET, [v, otherId, exp, sig].join('.'), NOW)).toEqual({ ok: false, reason: 'bad_signature' })
    expect(verifyIdentityToken(SECRET, [v, token.split('.')[1], String(NOW + 7200), sig].join('.'), NOW)).toEqual({ ok: false, reason: 'bad_signature' })
  })

  it('refuses an expired token, allowing a minute of clock skew', () => {
    const token = signIdentityToken(SECRET, 'nurse-4711', NOW - 30)
    expect(verifyIdentityToken(SECRET, token, NOW)).toMatchObject({ ok: true })
    expect(verifyIdentityToken(SECRET, signIdentityToken(SECRET, 'nurse-4711', NOW - 61), NOW)).toEqual({ ok: false, reason: 'expired' })
  })

  it('refuses a token that would live longer than a day', () => {
    expect(verifyIdentityToken(SECRET, signIdentityToken(SECRET, 'n', NOW + MAX_TOKEN_LIFETIME_S), NOW)).toMatchObject({ ok: true })
    expect(verifyIdentityToken(SECRET, signIdentityToken(SECRET, 'n', NOW + MAX_TOKEN_LIFETIME_S + 3600), NOW)).toEqual({ ok: false, reason: 'too_long_lived' })
  })

  it.each(['', 'v1', 'v2.bnVyc2U.1800003600.' + 'a'.repeat(43), 'v1.bnVyc2U.soon.' + 'a'.repeat(43), 'v1.bnVyc2U.1800003600.short', 'v1..1800003600.' + 'a'.repeat(43)])(
    'refuses the malformed %j',
    (token) => {
      expect(verifyIdentityToken(SECRET, token, NOW)).toEqual({ ok: false, reason: 'malformed' })
    },
  )

  it('refuses a correctly signed id with control characters', () => {
    expect(verifyIdentityToken(SECRET, signIdentityToken(SECRET, 'nurse\n4711', NOW + 60), NOW)).toEqual({ ok: false, reason: 'malformed' })
  })
})
