/**
 * A closed-loop HTTP load generator: `concurrency` keep-alive connections each send the next request as
 * soon as the previous answered, until `count` requests are done. node:http rather than fetch: the client
 * shares the machine with the server, so the lighter client disturbs the measurement less.
 */
import http from 'node:http'

export interface LoadRequest {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface LoadResult {
  count: number
  ok: number
  errors: number
  statuses: Record<string, number>
  seconds: number
  perSecond: number
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number }
}

export interface LoadOptions {
  baseUrl: string
  count: number
  concurrency: number
  request: (i: number) => LoadRequest
  /** Statuses that count as success. */
  okStatus: number[]
}

function send(agent: http.Agent, base: URL, r: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? undefined : Buffer.from(r.body)
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: r.method,
        path: r.path,
        headers: { ...(r.headers ?? {}), ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const base = new URL(opts.baseUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency })
  const latencies: number[] = new Array(opts.count)
  const statuses: Record<string, number> = {}
  let next = 0
  let ok = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      for (let i = next++; i < opts.count; i = next++) {
        const t0 = performance.now()
        let status: number
        try {
          status = await send(agent, base, opts.request(i))
        } catch {
          status = 0
        }
        latencies[i] = performance.now() - t0
        statuses[status] = (statuses[status] ?? 0) + 1
        if (opts.okStatus.includes(status)) ok++
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  const sorted = latencies.slice().sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 10) / 10
  return {
    count: opts.count,
    ok,
    errors: opts.count - ok,
    statuses,
    seconds: round(seconds),
    perSecond: Math.round(opts.count / seconds),
    latencyMs: {
      p50: round(percentile(sorted, 0.5)),
      p90: round(percentile(sorted, 0.9)),
      p99: round(percentile(sorted, 0.99)),
      max: round(sorted.at(-1) ?? 0),
      mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    },
  }
}
