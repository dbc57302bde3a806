/**
 * Fallback app under test when there is no production build: the same route handlers (GET /api/ping and
 * the OFREP routes, built with defineRoute) served by a bare node:http server, without Next's router.
 * It measures our code's share of a request, not Next's; `npm run build` first for the real figures.
 * Started by scripts/bench/flags.ts in its own process; prints "ready <port>" when listening.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { GET as ping } from '../../app/api/ping/route'
import { POST as bulk } from '../../app/ofrep/v1/evaluate/flags/route'
import { POST as single } from '../../app/ofrep/v1/evaluate/flags/[key]/route'

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>
const ROUTES: [string, RegExp, Handler, (m: RegExpExecArray) => Record<string, string>][] = [
  ['GET', /^\/api\/ping$/, ping, () => ({})],
  ['POST', /^\/ofrep\/v1\/evaluate\/flags$/, bulk, () => ({})],
  ['POST', /^\/ofrep\/v1\/evaluate\/flags\/([^/]+)$/, single, (m) => ({ key: decodeURIComponent(m[1]!) })],
]

const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  let response = new Response('not found', { status: 404 })
  for (const [method, re, handler, params] of ROUTES) {
    const m = method === req.method ? re.exec(url.pathname) : null
    if (!m) continue
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
    response = await handler(request, { params: Promise.resolve(params(m)) })
    break
  }
  res.writeHead(response.status, Object.fromEntries(response.headers))
  res.end(Buffer.from(await response.arrayBuffer()))
})

server.keepAliveTimeout = 65_000
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stderr.write(`ready ${(server.address() as AddressInfo).port}\n`)
})
