/**
 * The machine endpoints scripts/server.ts serves without Next's request pipeline: each the compiled route
 * module (under `<distDir>/server/app/`) and method whose handler answers it. Pure; unit-tested.
 */
export interface FastPath {
  method: 'GET' | 'POST'
  /** The route's folder under app/, which is also its compiled module's folder. */
  module: string
  pattern: RegExp
  /** Dynamic segments, in the order of the pattern's groups. */
  params: readonly string[]
}

export const FAST_PATHS: readonly FastPath[] = [
  { method: 'POST', module: 'ofrep/v1/evaluate/flags', pattern: /^\/ofrep\/v1\/evaluate\/flags$/, params: [] },
  { method: 'POST', module: 'ofrep/v1/evaluate/flags/[key]', pattern: /^\/ofrep\/v1\/evaluate\/flags\/([^/]+)$/, params: ['key'] },
  { method: 'GET', module: 'ofrep/v1/configuration', pattern: /^\/ofrep\/v1\/configuration$/, params: [] },
  { method: 'POST', module: 'api/alerts', pattern: /^\/api\/alerts$/, params: [] },
  { method: 'POST', module: 'api/alerts/alertmanager', pattern: /^\/api\/alerts\/alertmanager$/, params: [] },
  { method: 'POST', module: 'api/alerts/events/v2', pattern: /^\/api\/alerts\/events\/v2$/, params: [] },
  { method: 'POST', module: 'api/sli/events', pattern: /^\/api\/sli\/events$/, params: [] },
  // Analytics ingest, the guide's API and Segment's: batches of up to 10,000 events (about 4 MB), which
  // Next's pipeline would hand the handler as a web stream to read back.
  { method: 'POST', module: 'api/analytics/batch', pattern: /^\/api\/analytics\/batch$/, params: [] },
  { method: 'POST', module: 'api/analytics/track', pattern: /^\/api\/analytics\/track$/, params: [] },
  { method: 'POST', module: 'api/analytics/v1/batch', pattern: /^\/api\/analytics\/v1\/batch$/, params: [] },
  { method: 'POST', module: 'api/analytics/v1/track', pattern: /^\/api\/analytics\/v1\/track$/, params: [] },
  { method: 'POST', module: 'api/analytics/v1/identify', pattern: /^\/api\/analytics\/v1\/identify$/, params: [] },
  { method: 'POST', module: 'api/analytics/v1/page', pattern: /^\/api\/analytics\/v1\/page$/, params: [] },
]

const PREFIXES = ['/ofrep/v1/', '/api/alerts', '/api/sli/', '/api/analytics/']

/**
 * The fast path for a request line, with its decoded parameters, or null (then Next answers, including
 * every 404 and 405). A query string does not change the match; a segment that does not decode is Next's.
 */
export function matchFastPath(method: string, url: string): { path: FastPath; params: Record<string, string> } | null {
  if (!PREFIXES.some((p) => url.startsWith(p))) return null
  const q = url.indexOf('?')
  const pathname = q === -1 ? url : url.slice(0, q)
  const head = method === 'HEAD' ? 'GET' : method
  for (const path of FAST_PATHS) {
    if (path.method !== head) continue
    const m = path.pattern.exec(pathname)
    if (!m) continue
    const params: Record<string, string> = {}
    try {
      path.params.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1]!)
      })
    } catch {
      return null
    }
    return { path, params }
  }
  return null
}
