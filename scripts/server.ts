/**
 * The production HTTP server (`npm start` runs it as the child of scripts/start.ts).
 *
 * Next.js serves the cockpit: pages, server actions, session APIs, health and metrics. The machine hot paths
 * — OFREP evaluation and configuration, alert ingest (ours, Alertmanager, PagerDuty Events v2), SLI
 * ingest and analytics ingest (the guide's and Segment's) — skip Next's request pipeline (routing, proxy, rendering context; about 1 ms a request on this
 * machine) and go straight to their route handlers, on this same port and in this same process.
 *
 * One implementation: the handlers are the `POST`/`GET` exports of the compiled route modules in the
 * build (`<distDir>/server/app/<route>/route.js`), loaded through Next's own module runtime, so the API-key
 * cache, flag snapshot, rate limits, metrics, logger, database pool and alert group commit are the very
 * instances Next's copy of those routes would use. Those handlers (lib/http/route.ts `defineRoute`) need
 * nothing from Next's request context: API-key and public access only, no cookies, no revalidation.
 * The static security headers next.config.ts gives route handlers are added here too.
 *
 * WARDROOM_FAST_PATHS=off sends every request through Next (the comparison in `npm run bench -- flags`).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import next from 'next'
import { isConfigError } from '../lib/config-error'
import { API_CONTENT_SECURITY_POLICY, pageSecurityHeaders } from '../lib/http/security-headers'
import { FAST_PATHS, matchFastPath, type FastPath } from './lib/fast-paths'

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>

const port = Number(process.env.PORT ?? 3000)
const distDir = process.env.NEXT_DIST_DIR || '.next'
const requireBuild = createRequire(path.resolve(distDir, 'server', 'app', 'index.js'))
const STATIC_HEADERS: Record<string, string> = { ...pageSecurityHeaders(false), 'Content-Security-Policy': API_CONTENT_SECURITY_POLICY }
// The handlers enforce their own limits (1 MB by default, 8 MB for SLI and analytics batches) with their own error shapes;
// this larger bound only keeps a runaway body out of memory.
const MAX_BODY = Math.max(16 * 1024 * 1024, Number(process.env.BODY_LIMIT_BYTES ?? 0) + 1)
const PREREAD_BODY = Symbol.for('wardroom.preread-body') // lib/http/route.ts
const RAW_BODY = Symbol.for('wardroom.raw-body') // lib/http/route.ts

interface RouteModule {
  routeModule?: { ensureUserland?: () => Promise<void>; userland?: Record<string, unknown> }
}

/** The handler a route module exports for `method`, through Next's runtime; null when the build lacks it. */
async function loadHandler(fast: FastPath): Promise<Handler | null> {
  try {
    const mod = requireBuild(`./${fast.module}/route.js`) as RouteModule
    await mod.routeModule?.ensureUserland?.()
    const handler = mod.routeModule?.userland?.[fast.method]
    return typeof handler === 'function' ? (handler as Handler) : null
  } catch {
    return null
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
      reject(Object.assign(new Error('body too large'), { status: 413 }))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('body too large'), { status: 413 }))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(chunks.length === 0 ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)))
    req.on('error', (e) => reject(Object.assign(e, { status: 400 })))
  })
}

/**
 * The Request a handler gets: headers, method and URL at once, and the body as read (readBody in
 * lib/http/route.ts takes it from PREREAD_BODY) rather than as a stream to be read back. Anything else a
 * handler asks of it (json(), signal, …) is answered by a real Request, made on first such use.
 */
function fastRequest(url: string, method: string, headers: Headers, body: Buffer | null): Request {
  const cheap: Record<PropertyKey, unknown> = { url, method, headers, [PREREAD_BODY]: body }
  let real: Request | undefined
  const full = () => (real ??= new Request(url, { method, headers, body: body ? new Uint8Array(body) : null }))
  return new Proxy(cheap as unknown as Request, {
    get(target, prop) {
      if (prop in target) return (target as unknown as Record<PropertyKey, unknown>)[prop]
      const value: unknown = Reflect.get(full(), prop)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(full()) : value
    },
    has: (target, prop) => prop in target || prop in full(),
  })
}

async function serveFast(handler: Handler, params: Record<string, string>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = req.method === 'GET' || req.method === 'HEAD' ? null : await readBody(req)
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!)
  // The peer address the diagnostics hook stamped (lib/client-ip.ts) is not in rawHeaders.
  const peer = req.headers['x-wardroom-peer-address']
  if (typeof peer === 'string') headers.set('x-wardroom-peer-address', peer)
  const host = req.headers.host ?? `localhost:${port}`
  const request = fastRequest(`http://${host}${req.url ?? '/'}`, req.method ?? 'GET', headers, body)
  const response: Response & { [RAW_BODY]?: string | null } = await handler(request, { params: Promise.resolve(params) })
  const out: Record<string, string | string[]> = { ...STATIC_HEADERS }
  response.headers.forEach((value, name) => {
    out[name] = value
  })
  const setCookie = response.headers.getSetCookie()
  if (setCookie.length) out['set-cookie'] = setCookie
  const raw = response[RAW_BODY]
  let payload: Buffer | string | null
  if (raw !== undefined) payload = raw
  else payload = response.body === null ? null : Buffer.from(await response.arrayBuffer())
  if (payload !== null) out['content-length'] = String(Buffer.byteLength(payload))
  res.writeHead(response.status, out)
  res.end(req.method === 'HEAD' ? null : payload)
}

/** Answers what went wrong outside the handler: a body too large (413), unreadable (400), or our fault (500). */
function failFast(res: ServerResponse, err: unknown): void {
  const status = (err as { status?: number }).status ?? 500
  if (status === 500) {
    const message = err instanceof Error ? err.message : String(err)
    console.error(JSON.stringify({ level: 50, time: new Date().toISOString(), service: 'wardroom', msg: 'machine route failed outside its handler', err: message }))
  }
  if (res.headersSent) {
    res.destroy()
    return
  }
  const [code, message] =
    status === 413
      ? ['payload_too_large', 'The request body is too large']
      : status === 400
        ? ['bad_request', 'The request body could not be read']
        : ['internal', 'The request could not be answered']
  res.writeHead(status, { ...STATIC_HEADERS, 'content-type': 'application/json' })
  res.end(JSON.stringify({ error: { code, message, fields: {} } }))
}

async function main(): Promise<void> {
  const app = next({ dev: false, dir: process.cwd(), port })
  await app.prepare()
  const handle = app.getRequestHandler()

  const handlers = new Map<FastPath, Handler>()
  if (process.env.WARDROOM_FAST_PATHS !== 'off') {
    for (const fast of FAST_PATHS) {
      const handler = await loadHandler(fast)
      if (handler) handlers.set(fast, handler)
      else console.warn(`[wardroom] ${fast.method} ${fast.module}: no handler in the build; served through Next`)
    }
  }

  const inFlight = new Set<ServerResponse>()
  const server = http.createServer((req, res) => {
    inFlight.add(res)
    res.on('close', () => inFlight.delete(res))
    const match = handlers.size ? matchFastPath(req.method ?? 'GET', req.url ?? '/') : null
    const handler = match ? handlers.get(match.path) : undefined
    if (match && handler) {
      serveFast(handler, match.params, req, res).catch((err: unknown) => failFast(res, err))
      return
    }
    void handle(req, res)
  })
  server.keepAliveTimeout = 65_000 // longer than a typical load balancer's idle timeout (60 s)
  server.listen(port, () => {
    console.log(`[wardroom] listening on port ${port} (${handlers.size} machine routes served directly)`)
  })

  // Stop accepting, let answers in flight finish (each 2xx ingest was committed before it was answered), exit.
  // Open event streams (live boards) never finish by themselves: they are cut after a short grace.
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    server.close()
    const until = Date.now() + 3_000
    const poll = setInterval(() => {
      server.closeIdleConnections()
      if (inFlight.size === 0 || Date.now() > until) {
        server.closeAllConnections()
        process.exit(0)
      }
    }, 25)
    poll.unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((e: unknown) => {
  // A wrong setting is the operator's to fix: its message says how; a stack trace would only hide it.
  const shown = isConfigError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)
  console.error(`[wardroom] server failed: ${shown}`)
  process.exit(1)
})
