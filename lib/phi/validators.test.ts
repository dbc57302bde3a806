import ipaddr from 'ipaddr.js'
import { describe, expect, it } from 'vitest'
import { dateValid, fullYear, ibanValid, luhnValid, personalIp, ssnValid, vinValid } from './validators'

describe('validators', () => {
  it.each([
    ['4111 1111 1111 1111', true],
    ['4111 1111 1111 1112', false],
    ['490154203237518', true],
    ['79927398713', true],
    ['79927398710', false],
  ])('luhnValid(%j) = %s', (s, ok) => expect(luhnValid(s)).toBe(ok))

  it.each([
    ['123-45-6789', true],
    ['000-12-3456', false],
    ['666-12-3456', false],
    ['912-34-5678', false],
    ['123-00-6789', false],
    ['123-45-0000', false],
    ['123 45 6789', true],
  ])('ssnValid(%j) = %s', (s, ok) => expect(ssnValid(s)).toBe(ok))

  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [null, 2, 29, true],
    [2025, 4, 31, false],
    [2025, 13, 1, false],
    [1850, 1, 1, false],
    [1985, 3, 12, true],
  ])('dateValid(%s, %s, %s) = %s', (y, m, d, ok) => expect(dateValid(y, m, d)).toBe(ok))

  it('reads two-digit years', () => {
    expect([fullYear('85'), fullYear('12'), fullYear('1985')]).toEqual([1985, 2012, 1985])
  })

  it.each([
    ['73.158.64.12', true],
    ['10.0.3.17', false],
    ['192.168.4.20', false],
    ['127.0.0.1', false],
    ['100.64.1.1', false],
    ['2601:646:8d00:1f0::3a2', true],
    ['fd00::12', false],
    ['fe80::1', false],
    ['::1', false],
    ['999.1.1.1', false],
    ['11:10:29', false],
  ])('personalIp(%j) = %s', (s, ok) => expect(personalIp(s)).toBe(ok))

  // personalIp decides IPv4 (and fc/fd/fe8–feb/ff IPv6 prefixes) without ipaddr.js, for speed: it must agree
  // with ipaddr.js's range() at every range edge.
  it('agrees with ipaddr.js at the edges of every special range', () => {
    const keep4 = new Set(['private', 'loopback', 'linkLocal', 'unspecified', 'carrierGradeNat', 'broadcast', 'multicast', 'reserved'])
    const keep6 = new Set(['loopback', 'linkLocal', 'uniqueLocal', 'unspecified', 'multicast', 'reserved'])
    const reference = (s: string): boolean => {
      if (!ipaddr.isValid(s) || (ipaddr.IPv4.isValid(s) && !ipaddr.IPv4.isValidFourPartDecimal(s))) return false
      const a = ipaddr.parse(s)
      if (a instanceof ipaddr.IPv4) return !keep4.has(a.range())
      return a.isIPv4MappedAddress() ? !keep4.has(a.toIPv4Address().range()) : !keep6.has(a.range())
    }
    const cases: string[] = ['010.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '256.1.1.1', '1.2.3.256', '0x7f.0.0.1', '']
    // ipaddr.js 2.x IPv4 special ranges (as112 and amt are public: not in keep4).
    const ranges = '0.0.0.0/8 10.0.0.0/8 100.64.0.0/10 127.0.0.0/8 169.254.0.0/16 172.16.0.0/12 192.0.0.0/24 192.0.2.0/24 192.31.196.0/24 192.52.193.0/24 192.88.99.0/24 192.168.0.0/16 192.175.48.0/24 198.18.0.0/15 198.51.100.0/24 203.0.113.0/24 224.0.0.0/4 240.0.0.0/4 255.255.255.255/32'
    for (const [base, bits] of ranges.split(' ').map((r) => ipaddr.IPv4.parseCIDR(r))) {
      const n = base.toByteArray().reduce((acc, b) => acc * 256 + b, 0)
      const size = 2 ** (32 - bits)
      for (const v of [n - 1, n, n + size - 1, n + size]) {
        if (v < 0 || v > 0xffffffff) continue
        cases.push([v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.'))
      }
    }
    cases.push('fc00::1', 'fbff::1', 'fdff:1::2', 'fe00::1', 'fe80::1', 'febf::1', 'fec0::1', 'ff02::1', 'fc0::1', 'fd0:1::2', 'fc00:zz::1', '::', '::1', '::2', '::ffff:10.0.0.1', '::ffff:73.158.64.12', '2001:db8::1', '2601:646:8d00:1f0::3a2')
    expect(cases.filter((s) => personalIp(s) !== reference(s))).toEqual([])
  })

  it.each([
    ['DE89 3704 0044 0532 0130 00', true],
    ['DE89 3704 0044 0532 0130 01', false],
    ['GB82 WEST 1234 5698 7654 32', true],
  ])('ibanValid(%j) = %s', (s, ok) => expect(ibanValid(s)).toBe(ok))

  it.each([
    ['1HGCM82633A004352', true],
    ['1HGCM82633A004353', false],
    ['4BF92F3577B34DA6A', false],
  ])('vinValid(%j) = %s', (s, ok) => expect(vinValid(s)).toBe(ok))
})
