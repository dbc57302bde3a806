import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { clientAddress, installPeerAddressHeader, normaliseAddress, PEER_HEADER } from '@/lib/client-ip'

const h = (headers: Record<string, string>) => new Headers(headers)

describe('clientAddress', () => {
  it('ignores what the client wrote at the left of X-Forwarded-For (the old code trusted the first entry)', () => {
    // A client sent "X-Forwarded-For: 6.6.6.6"; with no proxy the only trustworthy address is the last one.
    expect(clientAddress(h({ 'x-forwarded-for': '6.6.6.6, 10.0.0.7' }), 0)).toBe('10.0.0.7')
    expect(clientAddress(h({ 'x-forwarded-for': '6.6.6.6, 7.7.7.7, 10.0.0.7' }), 0)).not.toBe('6.6.6.6')
  })

  it('with hops = 0 takes the socket address and ignores the header entirely once the peer is stamped', () => {
    installPeerAddressHeader()
    expect(clientAddress(h({ 'x-forwarded-for': '6.6.6.6', [PEER_HEADER]: '::ffff:10.0.0.9' }), 0)).toBe('10.0.0.9')
  })

  it.each([
    // chain = X-Forwarded-For entries, then the socket peer
    [{ 'x-forwarded-for': '6.6.6.6, 203.0.113.5', [PEER_HEADER]: '10.0.0.1' }, 1, '203.0.113.5'],
    [{ 'x-forwarded-for': '6.6.6.6, 203.0.113.5, 10.0.0.2', [PEER_HEADER]: '10.0.0.1' }, 2, '203.0.113.5'],
    [{ 'x-forwarded-for': '203.0.113.5', [PEER_HEADER]: '10.0.0.1' }, 5, '203.0.113.5'], // shorter chain: leftmost
    [{ [PEER_HEADER]: '10.0.0.1' }, 1, '10.0.0.1'],
    [{ 'x-forwarded-for': 'not-an-address', [PEER_HEADER]: '10.0.0.1' }, 1, 'unknown'],
    [{}, 0, 'unknown'],
  ])('trusts %j with %i hops as %s', (headers, hops, expected) => {
    installPeerAddressHeader()
    expect(clientAddress(h(headers), hops)).toBe(expected)
  })

  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['10.0.0.1:5555', '10.0.0.1'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['evil.example', null],
    ['', null],
  ])('normalises %j', (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected)
  })
})

describe('installPeerAddressHeader', () => {
  it('stamps the socket address over whatever the client sent under that name', async () => {
    installPeerAddressHeader()
    const server = http.createServer((req, res) => res.end(JSON.stringify(req.headers)))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-for': '6.6.6.6', [PEER_HEADER]: '6.6.6.6' } })
      const seen = (await res.json()) as Record<string, string>
      expect(normaliseAddress(seen[PEER_HEADER]!)).toBe('127.0.0.1')
      expect(clientAddress(new Headers(seen), 0)).toBe('127.0.0.1')
    } finally {
      server.close()
    }
  })
})
