/**
 * Which addresses Wardroom may send outbound requests to (channels, probes, test sends): public unicast
 * only, unless the admin allow-list (WARDROOM_OUTBOUND_ALLOW: CIDRs and host names) permits more (parsed by
 * lib/outbound-allow-list.ts). Pure, so the table of ranges is unit-tested; the resolving and connecting
 * lives in ./outbound.ts.
 */
import ipaddr from 'ipaddr.js'
import { normaliseIp, EMPTY_ALLOW_LIST, type Address, type OutboundAllowList } from '@/lib/outbound-allow-list'

/** ::a.b.c.d, the deprecated IPv4-compatible form (some stacks tunnel it to the IPv4 address); :: and ::1 excluded. */
function isIPv4Compatible(addr: Address): boolean {
  if (addr.kind() !== 'ipv6') return false
  const p = (addr as ipaddr.IPv6).parts
  return p.slice(0, 6).every((x) => x === 0) && (p[6] !== 0 || (p[7] ?? 0) > 1)
}

export function hostAllowed(host: string, allow: OutboundAllowList): boolean {
  const name = host.toLowerCase().replace(/\.$/, '')
  return allow.hosts.some((h) => (h.startsWith('*.') ? name.endsWith(h.slice(1)) : name === h))
}

/** Why an address is refused: ipaddr.js's range name ('loopback', 'private', 'linkLocal', ...), or null when allowed. */
export function refusedRange(ip: string, allow: OutboundAllowList = EMPTY_ALLOW_LIST): string | null {
  if (!ipaddr.isValid(ip)) return 'invalid'
  const addr = normaliseIp(ipaddr.parse(ip))
  if (allow.cidrs.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits))) return null
  if (isIPv4Compatible(addr)) return 'ipv4Compatible'
  const range = addr.range()
  // Only ordinary public unicast: private, loopback, link-local (cloud metadata), CGNAT, unique-local,
  // multicast, unspecified, reserved, documentation and translation prefixes (NAT64, 6to4, Teredo) are refused.
  return range === 'unicast' ? null : range
}

/** The whole check for one destination: an allow-listed host name passes; otherwise every address must. */
export function checkAddresses(host: string, addresses: readonly string[], allow: OutboundAllowList): { ok: true } | { ok: false; range: string } {
  if (hostAllowed(host, allow)) return { ok: true }
  if (addresses.length === 0) return { ok: false, range: 'none' }
  for (const a of addresses) {
    const range = refusedRange(a, allow)
    if (range) return { ok: false, range }
  }
  return { ok: true }
}
