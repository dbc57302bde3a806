/**
 * WARDROOM_OUTBOUND_ALLOW, the admin allow-list of outbound destinations (comma-separated CIDRs, single
 * addresses and host names), parsed once by lib/env.ts at start-up so a bad entry is a configuration error
 * naming it. A kernel file because env needs it; the policy that uses the list is lib/http/outbound-policy.ts.
 */
import ipaddr from 'ipaddr.js'
import { z } from 'zod'

export type Address = ipaddr.IPv4 | ipaddr.IPv6
export type Cidr = [Address, number]

export interface OutboundAllowList {
  cidrs: Cidr[]
  /** Lower-case host names; `*.example.org` matches every name below example.org (not example.org itself). */
  hosts: string[]
}

export const EMPTY_ALLOW_LIST: OutboundAllowList = { cidrs: [], hosts: [] }

const HOST_NAME = /^(\*\.)?(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged as the IPv4 address inside it. */
export function normaliseIp(addr: Address): Address {
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) return (addr as ipaddr.IPv6).toIPv4Address()
  return addr
}

/** One allow-list entry: a CIDR, a single address, or a host name; null when it is none of these. */
export function parseAllowEntry(raw: string): { cidr: Cidr } | { host: string } | null {
  const entry = raw.trim()
  if (!entry) return null
  try {
    if (entry.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(entry)
      const n = normaliseIp(addr)
      // ::ffff:10.0.0.0/104 is stored as 10.0.0.0/8, so it matches the IPv4 form the check uses.
      return { cidr: [n, n.kind() === addr.kind() ? bits : Math.max(0, bits - 96)] }
    }
    if (ipaddr.isValid(entry)) {
      const addr = normaliseIp(ipaddr.parse(entry))
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
