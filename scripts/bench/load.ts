/**
 * A closed-loop HTTP load generator: `concurrency` keep-alive connections each send the next request as
 * soon as the previous answered, until `count` requests are done. autocannon (the tool the figures
 * were taken with) rather than node:http: it writes prebuilt request buffers to raw sockets, so the client,
 * which shares the machine with the server, takes less of it (node:http's client topped out near 3,500 req/s
 * here while the server still idled).
 */
import autocannon from 'autocannon'

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

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  let next = 0
  const started = performance.now()
  let last = started
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.baseUrl,
        connections: Math.min(opts.concurrency, opts.count),
        amount: opts.count,
        timeout: 30,
        // Each request from the caller's generator, in order: its own body (a distinct context, alert key, …).
        requests: [
          {
            setupRequest: (req) => {
              const r = opts.request(next++)
              return { ...req, method: r.method, path: r.path, headers: { ...(r.headers ?? {}) }, body: r.body }
            },
          },
        ],
      },
      (err, res) => (err ? reject(err as Error) : resolve(res)),
    )
    // autocannon notices the last answer only on its once-a-second tick: time the run by the answers.
    instance.on('response', () => {
      last = performance.now()
    })
  })
  const statuses: Record<string, number> = {}
  let ok = 0
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    const n = (stat as { count: number }).count
    statuses[code] = n
    if (opts.okStatus.includes(Number(code))) ok += n
  }
  const failed = result.errors + result.timeouts
  if (failed) statuses['0'] = failed
  const seconds = (last - started) / 1000
  const round = (n: number) => Math.round(n * 10) / 10
  const answered = ok + Object.entries(statuses).filter(([c]) => !opts.okStatus.includes(Number(c)) && c !== '0').reduce((a, [, n]) => a + n, 0)
  return {
    count: answered + failed,
    ok,
    errors: Math.max(0, opts.count - ok),
    statuses,
    seconds: Math.round(seconds * 1000) / 1000,
    perSecond: Math.round(answered / seconds),
    latencyMs: {
      p50: round(result.latency.p50),
      p90: round(result.latency.p90),
      p99: round(result.latency.p99),
      max: round(result.latency.max),
      mean: round(result.latency.mean),
    },
  }
}
