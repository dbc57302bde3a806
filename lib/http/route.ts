/**
 * Every route handler is built with `defineRoute`: it authenticates (session, API key, cron secret),
 * authorises (permission or scope), checks Origin for cookie-authenticated mutations (Next gives route
 * handlers no CSRF protection), reads bodies within limits, maps errors to one JSON shape, logs with a
 * request id and records HTTP metrics by route template. Machine endpoints are rate limited per address and
 * per API key (rate-limit.ts). The declared access is attached as `.meta`, which the RBAC matrix test reads.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto'
import type { z } from 'zod'
import { env } from '../env'
import { logger } from '../logger'
import { observeHttp } from '../metrics'
import { hasPermission, type ApiScope, type Permission } from '../rbac'
import { apiKeyFromHeaders, touchApiKey, verifyApiKey, type ApiKeyPrincipal } from '../auth/api-keys'
import { getSessionUser, type SessionUser } from '../auth/session'
import { actorOfApiKey, actorOfUser, systemActor, type Actor } from '../auth/actor'
import { clientIp } from '@/lib/client-ip'
import { enforceRateLimit, INGEST_ROUTES, type RateClass } from './rate-limit'
import { countApiKeyRefusal, countApiKeyUse } from './api-key-usage'
import {
  ApiError,
  badRequest,
  errorResponse,
  forbidden,
  payloadTooLarge,
  toApiError,
  unauthorized,
  unsupportedMediaType,
  invalid,
  isDatabaseUnavailable,
} from '@/lib/errors'

export type Access =
  | { kind: 'public' }
  | { kind: 'session'; permission: Permission }
  | { kind: 'apikey'; scope: ApiScope }
  /** A signed-in user with the permission, or a machine with the scope. */
  | { kind: 'session-or-apikey'; permission: Permission; scope: ApiScope }
  | { kind: 'cron' }

export type Principal =
  | { kind: 'user'; user: SessionUser }
  | { kind: 'apikey'; key: ApiKeyPrincipal }
  | { kind: 'system' }
  | { kind: 'anonymous' }

export interface RouteContext<P> {
  req: Request
  params: P
  principal: Principal
  actor: Actor
  requestId: string
  ip: string
  log: typeof logger
}

export interface RouteMeta {
  route: string
  access: Access
}

type NextRouteArgs = { params: Promise<Record<string, string | string[]>> }
export type RouteHandler = ((req: Request, ctx?: NextRouteArgs) => Promise<Response>) & { meta: RouteMeta }

/**
 * The rate-limit class of a request, or null for endpoints people use through the cockpit. Machine
 * endpoints: API-key and cron routes, session-or-apikey routes called with a key, and the ingest routes
 * (PagerDuty's is public: its key is in the body).
 */
function rateClassOf(meta: RouteMeta, req: Request): RateClass | null {
  if (INGEST_ROUTES.has(meta.route)) return 'ingest'
  const kind = meta.access.kind
  if (kind === 'apikey' || kind === 'cron') return 'api'
  if (kind === 'session-or-apikey' && apiKeyFromHeaders(req.headers)) return 'api'
  return null
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Cookie-authenticated mutations must come from our own origin (or from a non-browser client). */
function checkOrigin(req: Request): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return
  const origin = req.headers.get('origin')
  const site = req.headers.get('sec-fetch-site')
  if (origin) {
    const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host')
    let originHost: string
    try {
      originHost = new URL(origin).host
    } catch {
      throw forbidden('Cross-origin request refused')
    }
    const allowed = new Set([host, env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).host : null].filter(Boolean))
    if (!allowed.has(originHost)) throw forbidden('Cross-origin request refused')
  } else if (site && site !== 'same-origin' && site !== 'none') {
    throw forbidden('Cross-origin request refused')
  }
}

async function authenticateRequest(req: Request, access: Access, ip: string): Promise<Principal> {
  switch (access.kind) {
    case 'public':
      return { kind: 'anonymous' }
    case 'cron': {
      const auth = req.headers.get('authorization') ?? ''
      const token = /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, '').trim() : ''
      if (!env.CRON_SECRET) throw unauthorized('CRON_SECRET is not configured on this server')
      if (!token || !safeEqual(token, env.CRON_SECRET)) throw unauthorized('A valid cron secret is required')
      return { kind: 'system' }
    }
    case 'apikey':
    case 'session-or-apikey': {
      const presented = apiKeyFromHeaders(req.headers)
      if (presented) {
        const key = await verifyApiKey(presented)
        if (!key) throw unauthorized('The API key is invalid, revoked or expired')
        // Counted in memory for the security scan (api-key-usage.ts): no database write per request.
        if (!key.scopes.includes(access.scope)) {
          countApiKeyRefusal(key.id, ip, access.scope)
          throw forbidden(`The API key lacks the scope ${access.scope}`)
        }
        countApiKeyUse(key.id, ip)
        touchApiKey(key.id)
        return { kind: 'apikey', key }
      }
      if (access.kind === 'apikey') throw unauthorized('An API key is required (Authorization: Bearer <key> or X-API-Key)')
      return authenticateSession(req, access.permission)
    }
    case 'session':
      return authenticateSession(req, access.permission)
  }
}

async function authenticateSession(req: Request, permission: Permission): Promise<Principal> {
  const user = await getSessionUser()
  if (!user) throw unauthorized()
  if (!hasPermission(user.role, permission)) throw forbidden()
  checkOrigin(req)
  return { kind: 'user', user }
}

function actorOf(p: Principal): Actor {
  if (p.kind === 'user') return actorOfUser(p.user)
  if (p.kind === 'apikey') return actorOfApiKey(p.key)
  return systemActor(p.kind === 'system' ? 'system' : 'anonymous')
}

const IDEMPOTENT = new Set(['GET', 'HEAD'])
const READ_RETRY_DELAY_MS = 250

export interface RouteOptions {
  /**
   * The body of errors raised outside the handler's own answers (authentication, authorisation, 5xx), for
   * routes whose protocol defines its own error shape (OFREP). Status and headers stay as mapped.
   */
  errorBody?: (err: ApiError) => unknown
}

export function defineRoute<P = Record<string, string>>(
  meta: RouteMeta,
  handler: (ctx: RouteContext<P>) => Promise<Response>,
  options: RouteOptions = {},
): RouteHandler {
  const fn = async (req: Request, nextCtx?: NextRouteArgs): Promise<Response> => {
    const started = performance.now()
    const requestId = req.headers.get('x-request-id')?.slice(0, 64) || randomUUID()
    const ip = clientIp(req.headers)
    let response: Response
    try {
      // Per address before authenticating (floods of bad keys are limited too), per key after.
      const rateClass = rateClassOf(meta, req)
      if (rateClass) enforceRateLimit(rateClass, { address: ip }, meta.route)
      const principal = await authenticateRequest(req, meta.access, ip)
      if (rateClass && principal.kind === 'apikey') enforceRateLimit(rateClass, { apiKeyId: principal.key.id }, meta.route)
      const params = ((await nextCtx?.params) ?? {}) as P
      let log: typeof logger | undefined
      const ctx = {
        req,
        params,
        principal,
        actor: actorOf(principal),
        requestId,
        ip,
        // Made on first use: most requests log nothing but their access line.
        get log() {
          return (log ??= logger.child({ requestId, route: meta.route }))
        },
      }
      response = await handler(ctx).catch(async (err: unknown) => {
        // A read may meet a connection the database just dropped (restart, failover): the pool has
        // discarded it, so one retry on a fresh connection often answers instead of a 503.
        if (!IDEMPOTENT.has(req.method) || !isDatabaseUnavailable(err)) throw err
        await new Promise((r) => setTimeout(r, READ_RETRY_DELAY_MS))
        return handler(ctx)
      })
      if (!response.headers.has('x-request-id')) {
        try {
          response.headers.set('X-Request-Id', requestId)
        } catch {
          /* immutable headers (e.g. a redirect); the id is in the logs */
        }
      }
    } catch (err) {
      const e = toApiError(err, requestId)
      response = options.errorBody
        ? Response.json(options.errorBody(e), { status: e.status, headers: { ...(e.headers ?? {}), 'X-Request-Id': requestId } })
        : errorResponse(e, requestId)
    }
    const seconds = (performance.now() - started) / 1000
    observeHttp(meta.route, req.method, response.status, seconds)
    // The route template, never the URL: paths and query strings can carry identifiers.
    const line = { requestId, route: meta.route, method: req.method, status: response.status, ms: Math.round(seconds * 1000) }
    if (response.status >= 500) logger.warn(line, 'request failed')
    // Machine endpoints answer thousands of requests a second: their successes are counted in the metrics
    // (wardroom_http_requests_total by route and status) and logged at debug; refusals stay at info.
    else if (response.status < 400 && rateClassOf(meta, req)) logger.debug(line, 'request')
    else logger.info(line, 'request')
    return response
  }
  return Object.assign(fn, { meta })
}

export interface ReadBodyOptions {
  limit?: number
  /** Accepted media types; JSON by default. */
  types?: string[]
}

/**
 * The body the production server (scripts/server.ts) already read from the socket for a machine route it
 * serves directly, attached to the Request under this symbol instead of being wrapped in a stream that
 * would be read straight back.
 */
export const PREREAD_BODY = Symbol.for('wardroom.preread-body')
/**
 * The body of a Response as the string it was made from (rawResponse), so that the production server can
 * write it without reading the Response's stream.
 */
export const RAW_BODY = Symbol.for('wardroom.raw-body')

/**
 * A Response made from a string, which keeps the string (RAW_BODY) and makes the body stream only when
 * something asks for it: the production server writes the string as is, so on the machine hot paths no
 * stream is made and read back. Anywhere else it behaves as the plain Response of that string.
 */
class RawResponse extends Response {
  readonly [RAW_BODY]: string | null
  #full: Response | undefined

  constructor(raw: string | null, init: ResponseInit) {
    super(null, init)
    this[RAW_BODY] = raw
  }

  /** The plain Response of the same string, made on first need. */
  #plain(): Response {
    return (this.#full ??= new Response(this[RAW_BODY], { status: this.status, statusText: this.statusText, headers: this.headers }))
  }

  override get body() {
    return this[RAW_BODY] === null ? null : this.#plain().body
  }
  override get bodyUsed() {
    return this.#full?.bodyUsed ?? false
  }
  override text() {
    return this.#plain().text()
  }
  override json() {
    return this.#plain().json()
  }
  override arrayBuffer() {
    return this.#plain().arrayBuffer()
  }
  override blob() {
    return this.#plain().blob()
  }
  override formData() {
    return this.#plain().formData()
  }
  override clone(): Response {
    return new RawResponse(this[RAW_BODY], { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) })
  }
}

/** A Response whose body the production server can send as is (RAW_BODY); anywhere else a plain Response. */
export function rawResponse(body: string | null, init: ResponseInit): Response {
  return new RawResponse(body, init)
}

/** A JSON Response the production server can send without reading it back (rawResponse). */
export function rawJson(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers)
  if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  return rawResponse(JSON.stringify(body), { ...init, headers })
}

/** Reads the raw body within the byte limit (413), checking the media type (415). */
export async function readBody(req: Request, opts: ReadBodyOptions = {}): Promise<string> {
  return (await readBodyBytes(req, opts)).toString('utf8')
}

/** The raw body as bytes (a MIME message keeps its own charsets), with readBody's checks. */
export async function readBodyBytes(req: Request, opts: ReadBodyOptions = {}): Promise<Buffer> {
  const limit = opts.limit ?? env.BODY_LIMIT_BYTES
  const types = opts.types ?? ['application/json']
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!types.includes(type)) throw unsupportedMediaType(types.join(' or '))
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit)
  const preread = (req as Request & { [PREREAD_BODY]?: Buffer | null })[PREREAD_BODY]
  if (preread !== undefined) {
    if (preread && preread.length > limit) throw payloadTooLarge(limit)
    return preread ?? Buffer.alloc(0)
  }
  if (!req.body) return Buffer.alloc(0)
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw payloadTooLarge(limit)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

/** Reads a JSON body: 415 wrong type, 413 too large, 400 malformed, 422 invalid (fields named). */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, opts: ReadBodyOptions = {}): Promise<z.infer<S>> {
  const text = await readBody(req, opts)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw badRequest('The request body is not valid JSON')
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw invalid(parsed.error)
  return parsed.data
}

export function json(body: unknown, init?: ResponseInit): Response {
  return rawJson(body, init)
}

export { ApiError }
