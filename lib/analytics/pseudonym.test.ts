import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { random } from './demo'
import { pseudonymizer } from './pseudonym'

const keyA = Buffer.from('analytics-key-A-0123456789')
const keyB = Buffer.from('analytics-key-B-0123456789')

describe('pseudonymizer', () => {
  it('is the keyed HMAC-SHA256 of kind and id, prefixed by kind (worked example)', () => {
    const expected = createHmac('sha256', keyA).update('user\0user123').digest('base64url').slice(0, 22)
    expect(pseudonymizer(keyA)('user', 'user123')).toBe(`u_${expected}`)
    expect(pseudonymizer(keyA)('user', 'user123')).toHaveLength(24)
  })

  it('is stable under one key, differs per kind, and contains nothing of the id', () => {
    const p = pseudonymizer(keyA)
    expect(p('user', 'dr.smith@hospital.org')).toBe(p('user', 'dr.smith@hospital.org'))
    expect(p('user', 'x')).not.toBe(p('anonymous', 'x').replace(/^a_/, 'u_'))
    expect(p('user', 'dr.smith@hospital.org')).not.toMatch(/smith|hospital/i)
  })

  it('equals createHmac for every key length and id (ASCII, Unicode, lone surrogates, longer than its scratch buffer)', () => {
    const rnd = random(7)
    const alphabet = ['a', 'Z', '0', '-', '@', ' ', '\0', 'é', 'ß', '漢', '😀', '\ud800', '\udfff']
    const ids = ['', 'user123', 'x'.repeat(682), 'x'.repeat(683), '漢'.repeat(700), 'é'.repeat(5000)]
    for (let i = 0; i < 120; i++) ids.push(Array.from({ length: Math.floor(rnd() * 300) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(''))
    for (const keyLength of [16, 32, 63, 64, 65, 200]) {
      const key = Buffer.from(Array.from({ length: keyLength }, (_, i) => (i * 37 + keyLength) % 256))
      const p = pseudonymizer(key)
      for (const kind of ['user', 'anonymous', 'session', 'message'] as const) {
        for (const id of ids) {
          const expected = createHmac('sha256', key).update(`${kind}\0${id}`).digest('base64url').slice(0, 22)
          expect(p(kind, id).slice(2), `${kind} ${keyLength} ${JSON.stringify(id).slice(0, 40)}`).toBe(expected)
        }
      }
    }
  })

  it('changes every pseudonym when the key is rotated (old ones stay unlinkable)', () => {
    expect(pseudonymizer(keyA)('user', 'user123')).not.toBe(pseudonymizer(keyB)('user', 'user123'))
  })
})
