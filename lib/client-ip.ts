/**
 * The client's address, for throttling, rate limits and the audit log.
 *
 * Next.js (16) does not record the socket address anywhere a route handler can read it: it sets
 * `X-Forwarded-For` to the socket address only when the request has no such header (`??=` in
 * next/dist/server/base-server.js), so a client that sends its own header is believed unchanged. The
 * server runtime therefore stamps every request with the socket address in PEER_HEADER before Next sees it
 * (Node's `http.server.request.start` diagnostics channel, published before the request listener runs),
 * overwriting whatever a client sent under that name.
 *
 * The address chain is X-Forwarded-For's entries followed by the peer. With TRUST_PROXY_HOPS=n the client is
 * the entry n places from the right: 0 (default) is the socket itself and the header is ignored; 1 is the
 * address the one proxy in front of Wardroom appended; a chain shorter than n yields its leftmost entry.
 */
import diagnostics from 'node:diagnostics_channel'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { env } from '@/lib/env'

export const PEER_HEADER = 'x-wardroom-peer-address'

/** Strips the IPv4-mapped IPv6 prefix and port/brackets so one client has one spelling. */
export function normaliseAddress(raw: string): string | null {
  let a = raw.trim()
  if (!a) return null
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a)
  if (bracketed) a = bracketed[1]!
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'))
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(a)) a = a.slice(7)
  return isIP(a) ? a.toLowerCase() : null
}

/**
 * The address `hops` places from the right of the chain. `peer` is the socket address when the runtime
 * stamped it; without it (tests, a request that arrived before the hook was installed) the rightmost
 * X-Forwarded-For entry stands in, which is the socket address when the client sent no header.
 */
export function clientAddress(headers: Headers, hops: number): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  // Only a header this process stamped is believed: without the hook a client could send it.
  const peer = hookInstalled() ? headers.get(PEER_HEADER) : null
  const chain = peer ? [...forwarded, peer] : forwarded
  if (chain.length === 0) return 'unknown'
  const index = Math.max(0, chain.length - 1 - Math.max(0, Math.floor(hops)))
  // An entry that is not an address (garbage from a client or a misconfigured proxy) is not trusted either.
  return normaliseAddress(chain[index]!) ?? 'unknown'
}

// On globalThis: instrumentation and route handlers may load separate copies of this module.
const g = globalThis as unknown as { wardroomPeerHook?: boolean }
const hookInstalled = () => g.wardroomPeerHook === true

/** Stamps each incoming request with its socket address (idempotent; call once per server process). */
export function installPeerAddressHeader(): void {
  if (hookInstalled()) return
  g.wardroomPeerHook = true
  diagnostics.subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: IncomingMessage }
    const address = request.socket?.remoteAddress
    if (address) request.headers[PEER_HEADER] = address
    else delete request.headers[PEER_HEADER]
  })
}

/** The client address of a request under this deployment's TRUST_PROXY_HOPS. */
export function clientIp(headers: Headers): string {
  return clientAddress(headers, env.TRUST_PROXY_HOPS)
}
