import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
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

  it('changes every pseudonym when the key is rotated (old ones stay unlinkable)', () => {
    expect(pseudonymizer(keyA)('user', 'user123')).not.toBe(pseudonymizer(keyB)('user', 'user123'))
  })
})
