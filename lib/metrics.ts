/**
 * Prometheus metrics (prom-client). Labels hold route templates, methods, status codes and job names
 * only — never user ids, e-mails or free text.
 *
 * Application metrics are named `wardroom_*`; prom-client's default process and Node.js metrics keep their
 * standard names (process_cpu_seconds_total, nodejs_eventloop_lag_seconds, …) so stock Node.js dashboards
 * and alerts work unchanged.
 */
import client from 'prom-client'
import { getPool } from './db'

interface Metrics {
  registry: client.Registry
  httpRequests: client.Counter<'route' | 'method' | 'status'>
  httpDuration: client.Histogram<'route' | 'method' | 'status'>
  jobRuns: client.Counter<'job' | 'status'>
  jobDuration: client.Histogram<'job' | 'status'>
  rateLimited: client.Counter<'route'>
}

const g = globalThis as unknown as { wardroomMetrics?: Metrics }

function create(): Metrics {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry })
  // These gauges end in _total, which Prometheus reserves for counters (`promtool check metrics` fails on
  // them); the same numbers remain, by type, in nodejs_active_{handles,requests,resources}.
  for (const name of ['handles', 'requests', 'resources']) registry.removeSingleMetric(`nodejs_active_${name}_total`)
  registerPoolGauges(registry)
  return {
    registry,
    httpRequests: new client.Counter({
      name: 'wardroom_http_requests_total',
      help: 'HTTP requests handled, by route template, method and status code.',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: 'wardroom_http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by route template, method and status code.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobRuns: new client.Counter({
      name: 'wardroom_job_runs_total',
      help: 'Periodic job runs, by job and outcome.',
      labelNames: ['job', 'status'],
      registers: [registry],
    }),
    jobDuration: new client.Histogram({
      name: 'wardroom_job_duration_seconds',
      help: 'Periodic job run duration in seconds, by job and outcome.',
      labelNames: ['job', 'status'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
    rateLimited: new client.Counter({
      name: 'wardroom_rate_limited_total',
      help: 'Requests refused with 429 by the machine-endpoint rate limits, by route template.',
      labelNames: ['route'],
      registers: [registry],
    }),
  }
}

export const metrics: Metrics = (g.wardroomMetrics ??= create())

export function observeHttp(route: string, method: string, status: number, seconds: number): void {
  const labels = { route, method, status: String(status) }
  metrics.httpRequests.inc(labels)
  metrics.httpDuration.observe(labels, seconds)
}

/** Database pool gauges, read at scrape time. A pool that cannot be created (no DATABASE_URL) reads as empty. */
function registerPoolGauges(registry: client.Registry): void {
  const gauge = (name: string, help: string, read: (pool: ReturnType<typeof getPool>) => number) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        let value = 0
        try {
          value = read(getPool())
        } catch {
          // Reported as 0 rather than failing the whole scrape.
        }
        this.set(value)
      },
    })
  gauge('wardroom_db_pool_clients', 'Database connections held by the pool (busy and idle).', (p) => p.totalCount)
  gauge('wardroom_db_pool_clients_idle', 'Idle database connections in the pool.', (p) => p.idleCount)
  gauge('wardroom_db_pool_clients_waiting', 'Queries waiting for a free database connection.', (p) => p.waitingCount)
}
