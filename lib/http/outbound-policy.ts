/**
 * Which addresses Wardroom may send outbound requests to (channels, probes, test sends): public unicast
 * only, unless the admin allow-list (WARDROOM_OUTBOUND_ALLOW: CIDRs and host names) permits more. Pure, so
 * the table of ranges is unit-tested; the resolving and connecting lives in ./outbound.ts.
 */
import ipaddr from 'ipaddr.js'
import { z } from 'zod'

type Address = ipaddr.IPv4 | ipaddr.IPv6
type Cidr = [Address, number]

export interface OutboundAllowList {
  cidrs: Cidr[]
  /** Lower-case host names; `*.example.org` matches every name below example.org (not example.org itself). */
  hosts: string[]
}

export const EMPTY_ALLOW_LIST: OutboundAllowList = { cidrs: [], hosts: [] }

const HOST_NAME = /^(\*\.)?(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged as the IPv4 address inside it. */
function normalise(addr: Address): Address {
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) return (addr as ipaddr.IPv6).toIPv4Address()
  return addr
}

/** ::a.b.c.d, the deprecated IPv4-compatible form (some stacks tunnel it to the IPv4 address); :: and ::1 excluded. */
function isIPv4Compatible(addr: Address): boolean {
  if (addr.kind() !== 'ipv6') return false
  const p = (addr as ipaddr.IPv6).parts
  return p.slice(0, 6).every((x) => x === 0) && (p[6] !== 0 || (p[7] ?? 0) > 1)
}

/** One allow-list entry: a CIDR, a single address, or a host name; null when it is none of these. */
export function parseAllowEntry(raw: string): { cidr: Cidr } | { host: string } | null {
  const entry = raw.trim()
  if (!entry) return null
  try {
    if (entry.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(entry)
      const n = normalise(addr)
      // ::ffff:10.0.0.0/104 is stored as 10.0.0.0/8, so it matches the IPv4 form the check uses.
      return { cidr: [n, n.kind() === addr.kind() ? bits : Math.max(0, bits - 96)] }
    }
    if (ipaddr.isValid(entry)) {
      const addr = normalise(ipaddr.parse(entry))
      return { cidr: [addr, addr.kind() === 'ipv4' ? 32 : 128] }
    }
  } catch {
    return null
  }
  return HOST_NAME.test(entry) && !/^[\d.]+$/.test(entry) ? { host: entry.toLowerCase().replace(/\.$/, '') } : null
}

/** WARDROOM_OUTBOUND_ALLOW, parsed once in lib/env.ts: comma-separated CIDRs, addresses and host names. */
export const OutboundAllowListSchema = z
  .string()
  .default('')
  .transform((raw, ctx): OutboundAllowList => {
    const list: OutboundAllowList = { cidrs: [], hosts: [] }
    for (const part of raw.split(',')) {
      if (!part.trim()) continue
      const entry = parseAllowEntry(part)
      if (!entry) {
        ctx.addIssue({ code: 'custom', message: `"${part.trim()}" is neither a CIDR, an IP address nor a host name` })
        continue
      }
      if ('cidr' in entry) list.cidrs.push(entry.cidr)
      else list.hosts.push(entry.host)
    }
    return list
  })

export function parseAllowList(raw: string): OutboundAllowList {
  return OutboundAllowListSchema.parse(raw)
}

export function hostAllowed(host: string, allow: OutboundAllowList): boolean {
  const name = host.toLowerCase().replace(/\.$/, '')
  return allow.hosts.some((h) => (h.startsWith('*.') ? name.endsWith(h.slice(1)) : name === h))
}

/** Why an address is refused: ipaddr.js's range name ('loopback', 'private', 'linkLocal', ...), or null when allowed. */
export function refusedRange(ip: string, allow: OutboundAllowList = EMPTY_ALLOW_LIST): string | null {
  if (!ipaddr.isValid(ip)) return 'invalid'
  const addr = normalise(ipaddr.parse(ip))
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
