/**
 * The one way Wardroom makes outbound requests (notification channels, health probes, test sends, SMTP).
 * The host is resolved once (every address), each address checked against the policy in ./outbound-policy,
 * and the connection made to a vetted address through a `lookup` that returns it, so DNS cannot answer
 * differently between the check and the connect (SNI and Host stay the original name). Redirects are not
 * followed; connect and total timeouts apply; response bodies are capped (1 MB by default). Failures are
 * reduced to a short class (refused by policy, DNS failure, ...) that names no address or port.
 */
import dns from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'
import { checkAddresses } from './outbound-policy'
import { parseAllowList, type OutboundAllowList } from '@/lib/outbound-allow-list'

export const MAX_RESPONSE_BYTES = 1024 * 1024
export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000
const MAX_CONNECT_TIMEOUT_MS = 5_000

export type OutboundErrorKind = 'invalid_url' | 'refused' | 'dns' | 'connection_refused' | 'timeout' | 'tls' | 'too_large' | 'connection'

const TEXT: Record<OutboundErrorKind, string> = {
  invalid_url: 'Invalid URL',
  refused: 'Refused by policy',
  dns: 'DNS lookup failed',
  connection_refused: 'Connection refused',
  timeout: 'Timed out',
  tls: 'TLS handshake failed',
  too_large: 'Response body too large',
  connection: 'Connection failed',
}

/** A failed outbound request; `message` is safe to show and store (no address, port or stack). */
export class OutboundError extends Error {
  constructor(
    readonly kind: OutboundErrorKind,
    timeoutMs?: number,
  ) {
    super(kind === 'timeout' && timeoutMs !== undefined ? `Timed out after ${timeoutMs} ms` : TEXT[kind])
    this.name = 'OutboundError'
  }
}

/** The short text for any failure of an outbound call; unknown errors become "Connection failed". */
export function outboundErrorText(err: unknown): string {
  return err instanceof OutboundError ? err.message : TEXT.connection
}

// ---- allow-list --------------------------------------------------------------------------------------

let allowOverride: OutboundAllowList | null = null

/** The admin allow-list (WARDROOM_OUTBOUND_ALLOW), or the one a test set. */
export function outboundAllowList(): OutboundAllowList {
  return allowOverride ?? env.WARDROOM_OUTBOUND_ALLOW
}

/**
 * Tests only: replace the allow-list (e.g. '127.0.0.1' for local receivers); null restores the environment's.
 * Refused outside NODE_ENV=test so it cannot become a way around the policy.
 */
export function setOutboundAllowListForTests(raw: string | null): void {
  if (process.env.NODE_ENV !== 'test') throw new Error('setOutboundAllowListForTests is for tests only')
  allowOverride = raw === null ? null : parseAllowList(raw)
}

// ---- resolve and check -------------------------------------------------------------------------------

export interface VettedAddress {
  address: string
  family: 4 | 6
}

export type LookupAll = (host: string) => Promise<VettedAddress[]>

const systemLookup: LookupAll = async (host) =>
  (await dns.lookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))

/** Resolves `host` (all addresses) and checks each; throws OutboundError('dns' | 'refused'). */
export async function vetHost(host: string, deps: { allow?: OutboundAllowList; lookup?: LookupAll } = {}): Promise<VettedAddress[]> {
  const allow = deps.allow ?? outboundAllowList()
  const name = host.replace(/^\[|\]$/g, '')
  const literal = net.isIP(name)
  let addresses: VettedAddress[]
  if (literal) addresses = [{ address: name, family: literal === 6 ? 6 : 4 }]
  else {
    try {
      addresses = await (deps.lookup ?? systemLookup)(name)
    } catch {
      throw new OutboundError('dns')
    }
    if (addresses.length === 0) throw new OutboundError('dns')
  }
  const verdict = checkAddresses(name, addresses.map((a) => a.address), allow)
  if (!verdict.ok) {
    // The server log may say why (for the admin deciding on the allow-list); the user sees only the class.
    logger.warn({ host: name, range: verdict.range }, 'outbound request refused by address policy')
    throw new OutboundError('refused')
  }
  return addresses
}

// ---- request -----------------------------------------------------------------------------------------

export interface OutboundOptions {
  method?: 'GET' | 'POST' | 'HEAD'
  headers?: Record<string, string>
  body?: string
  /** Whole request, DNS to last body byte (default 10 s). */
  timeoutMs?: number
  /** TCP (and TLS) connect (default the smaller of timeoutMs and 5 s). */
  connectTimeoutMs?: number
  /** Larger bodies are cut off and the request fails with 'too_large' (default 1 MB). */
  maxBodyBytes?: number
  signal?: AbortSignal
  /** Tests: a resolver standing in for DNS. */
  lookup?: LookupAll
}

export interface OutboundResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
  /** Time from the call to the response head, in milliseconds. */
  headMs: number
}

/** The function the channels and probes call; tests may hand them a stand-in of the same shape. */
export type OutboundRequest = (url: string, options?: OutboundOptions) => Promise<OutboundResponse>

function classify(err: unknown): OutboundError {
  if (err instanceof OutboundError) return err
  const code = (err as NodeJS.ErrnoException | null)?.code ?? ''
  if (code === 'ECONNREFUSED') return new OutboundError('connection_refused')
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new OutboundError('dns')
  if (code === 'ETIMEDOUT') return new OutboundError('timeout')
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'EPROTO') {
    return new OutboundError('tls')
  }
  return new OutboundError('connection')
}

export const outboundRequest: OutboundRequest = async (rawUrl, options = {}) => {
  const started = performance.now()
  const timeoutMs = options.timeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    throw new OutboundError('invalid_url')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundError('invalid_url')
  options.signal?.throwIfAborted()
  const host = url.hostname.replace(/^\[|\]$/g, '')

  // One signal for the whole call: the total timeout, or the caller's abort (a job's deadline).
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const onCallerAbort = () => controller.abort()
  options.signal?.addEventListener('abort', onCallerAbort, { once: true })
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(new OutboundError('timeout', timeoutMs)), { once: true })
  })
  aborted.catch(() => undefined)
  try {
    const vetted = await Promise.race([vetHost(host, { lookup: options.lookup }), aborted])
    return await send(url, host, vetted, { ...options, signal: controller.signal }, timeoutMs, started)
  } finally {
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', onCallerAbort)
  }
}

function send(url: URL, host: string, vetted: VettedAddress[], options: OutboundOptions, timeoutMs: number, started: number): Promise<OutboundResponse> {
  const maxBytes = options.maxBodyBytes ?? MAX_RESPONSE_BYTES
  const connectTimeoutMs = options.connectTimeoutMs ?? Math.min(timeoutMs, MAX_CONNECT_TIMEOUT_MS)
  const first = vetted[0]!
  // Hands the socket the addresses already checked: no second DNS answer can slip in.
  const lookup: net.LookupFunction = (_hostname, opts, callback) => {
    if (opts.all) callback(null, vetted.map((a) => ({ address: a.address, family: a.family })))
    else callback(null, first.address, first.family)
  }
  const isHttps = url.protocol === 'https:'
  return new Promise<OutboundResponse>((resolve, reject) => {
    let settled = false
    let connectTimer: NodeJS.Timeout | undefined
    const onAbort = () => fail(new OutboundError('timeout', timeoutMs))
    const finish = () => {
      settled = true
      clearTimeout(connectTimer)
      options.signal?.removeEventListener('abort', onAbort)
    }
    const fail = (err: unknown) => {
      if (settled) return
      finish()
      req.destroy()
      reject(classify(err))
    }
    const req = (isHttps ? https : http).request({
      protocol: url.protocol,
      hostname: host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: options.method ?? 'GET',
      headers: { ...options.headers, host: url.host },
      ...(url.username ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` } : {}),
      ...(isHttps && !net.isIP(host) ? { servername: host } : {}),
      agent: false,
      lookup,
    })
    if (options.signal?.aborted) return onAbort()
    options.signal?.addEventListener('abort', onAbort, { once: true })
    req.on('socket', (socket) => {
      if (!socket.connecting) return
      connectTimer = setTimeout(() => fail(new OutboundError('timeout', timeoutMs)), connectTimeoutMs)
      socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer))
    })
    req.on('error', fail)
    req.on('response', (res) => {
      const headMs = Math.max(0, Math.round(performance.now() - started))
      const declared = Number(res.headers['content-length'])
      if (Number.isFinite(declared) && declared > maxBytes) {
        fail(new OutboundError('too_large'))
        res.destroy()
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        // Stop reading at the cap: a peer cannot make Wardroom buffer an unbounded answer.
        if (size > maxBytes) {
          fail(new OutboundError('too_large'))
          res.destroy()
          return
        }
        chunks.push(chunk)
      })
      res.on('error', fail)
      res.on('aborted', () => fail(new OutboundError('connection')))
      res.on('end', () => {
        if (settled) return
        finish()
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), headMs })
      })
    })
    req.end(options.body)
  })
}
