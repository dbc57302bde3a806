import { describe, expect, it } from 'vitest'
import { checkAddresses, hostAllowed, refusedRange } from './outbound-policy'
import { EMPTY_ALLOW_LIST, OutboundAllowListSchema, parseAllowList } from '@/lib/outbound-allow-list'

describe('outbound address policy', () => {
  it.each([
    // address, refused as (null = allowed)
    ['93.184.215.14', null], // public IPv4
    ['8.8.8.8', null],
    ['2606:4700:4700::1111', null], // public IPv6
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['172.32.0.1', null], // just outside 172.16.0.0/12
    ['169.254.169.254', 'linkLocal'], // cloud metadata
    ['169.254.0.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['100.128.0.1', null], // just outside 100.64.0.0/10
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'], // documentation
    ['198.18.0.1', 'reserved'], // benchmarking
    ['2001:db8::1', 'reserved'],
    // IPv4-mapped IPv6 is judged as the IPv4 address inside it
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:100.64.0.1', 'carrierGradeNat'],
    ['::ffff:8.8.8.8', null],
    // IPv4-compatible and translation prefixes that can reach an IPv4 address
    ['::127.0.0.1', 'loopback'], // ipaddr.js reads the dotted form as mapped: refused either way
    ['::a9fe:a9fe', 'ipv4Compatible'],
    ['64:ff9b::7f00:1', 'rfc6052'], // NAT64
    ['2002:7f00:1::1', '6to4'],
    ['not-an-ip', 'invalid'],
  ])('%s → %s', (ip, expected) => {
    expect(refusedRange(ip)).toBe(expected)
  })

  it('an allow-listed CIDR admits its addresses, in IPv4 and IPv4-mapped form, and nothing else', () => {
    const allow = parseAllowList('127.0.0.1/32, 10.20.0.0/16, fd00:1::/32')
    expect(refusedRange('127.0.0.1', allow)).toBeNull()
    expect(refusedRange('::ffff:127.0.0.1', allow)).toBeNull()
    expect(refusedRange('127.0.0.2', allow)).toBe('loopback')
    expect(refusedRange('10.20.255.1', allow)).toBeNull()
    expect(refusedRange('10.21.0.1', allow)).toBe('private')
    expect(refusedRange('fd00:1::5', allow)).toBeNull()
    expect(refusedRange('fd00:2::5', allow)).toBe('uniqueLocal')
    expect(refusedRange('169.254.169.254', allow)).toBe('linkLocal')
  })

  it('a single address and an IPv4-mapped CIDR are allow-list entries too', () => {
    const allow = parseAllowList('192.168.5.5,::ffff:10.0.0.0/104')
    expect(allow.cidrs).toHaveLength(2)
    expect(refusedRange('192.168.5.5', allow)).toBeNull()
    expect(refusedRange('192.168.5.6', allow)).toBe('private')
    expect(refusedRange('10.9.9.9', allow)).toBeNull()
  })

  it('an allow-listed host name admits that host (whatever it resolves to); *. admits names below it', () => {
    const allow = parseAllowList('triage.internal, *.svc.cluster.local')
    expect(allow.hosts).toEqual(['triage.internal', '*.svc.cluster.local'])
    expect(checkAddresses('triage.internal', ['10.0.0.7'], allow)).toEqual({ ok: true })
    expect(checkAddresses('TRIAGE.internal.', ['10.0.0.7'], allow)).toEqual({ ok: true })
    expect(checkAddresses('api.svc.cluster.local', ['10.96.0.10'], allow)).toEqual({ ok: true })
    expect(checkAddresses('svc.cluster.local', ['10.96.0.10'], allow)).toEqual({ ok: false, range: 'private' })
    expect(checkAddresses('eviltriage.internal', ['10.0.0.7'], allow)).toEqual({ ok: false, range: 'private' })
    expect(hostAllowed('triage.internal.evil.example', allow)).toBe(false)
  })

  it('every resolved address must pass: one private answer among public ones refuses the host', () => {
    expect(checkAddresses('mixed.example', ['93.184.215.14', '10.0.0.1'], EMPTY_ALLOW_LIST)).toEqual({ ok: false, range: 'private' })
    expect(checkAddresses('public.example', ['93.184.215.14', '2606:4700:4700::1111'], EMPTY_ALLOW_LIST)).toEqual({ ok: true })
    expect(checkAddresses('empty.example', [], EMPTY_ALLOW_LIST)).toEqual({ ok: false, range: 'none' })
  })

  it('WARDROOM_OUTBOUND_ALLOW: empty by default, and a bad entry is a configuration error naming it', () => {
    expect(OutboundAllowListSchema.parse(undefined)).toEqual(EMPTY_ALLOW_LIST)
    expect(OutboundAllowListSchema.parse(' , ')).toEqual(EMPTY_ALLOW_LIST)
    const bad = OutboundAllowListSchema.safeParse('10.0.0.0/8, 10.0.0.0/99, http://x')
    expect(bad.success).toBe(false)
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      '"10.0.0.0/99" is neither a CIDR, an IP address nor a host name',
      '"http://x" is neither a CIDR, an IP address nor a host name',
    ])
  })
})
