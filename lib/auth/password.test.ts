import { describe, expect, it } from 'vitest'
import { generatePassword, hashPassword, verifyPassword } from './password'

describe('scrypt passwords', () => {
  it('hashes with N=2^17, r=8, p=1 and a random salt', async () => {
    const a = await hashPassword('correct horse battery staple')
    const b = await hashPassword('correct horse battery staple')
    expect(a.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1'])
    expect(a).not.toBe(b)
  })

  it('verifies the right password and refuses others', async () => {
    const h = await hashPassword('Ward-room 2026!')
    expect(await verifyPassword('Ward-room 2026!', h)).toBe(true)
    expect(await verifyPassword('ward-room 2026!', h)).toBe(false)
    expect(await verifyPassword('', h)).toBe(false)
  })

  it('treats Unicode compatibility forms alike (NFKC)', async () => {
    const h = await hashPassword('ﬁle') // U+FB01 ligature
    expect(await verifyPassword('file', h)).toBe(true)
  })

  it('refuses malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false)
    expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false)
  })

  it('generates long random passwords', () => {
    const p = generatePassword()
    expect(p.length).toBeGreaterThanOrEqual(30)
    expect(generatePassword()).not.toBe(p)
  })
})
