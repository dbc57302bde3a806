/**
 * Prometheus metrics (prom-client). Labels hold route templates, methods, status codes and job names
 * only — never user ids, e-mails or free text.
 */
import client from 'prom-client'

interface Metrics {
  registry: client.Registry
  httpRequests: client.Counter<'route' | 'method' | 'status'>
  httpDuration: client.Histogram<'route' | 'method' | 'status'>
  jobRuns: client.Counter<'job' | 'status'>
  jobDuration: client.Histogram<'job' | 'status'>
}

const g = globalThis as unknown as { wardroomMetrics?: Metrics }

function create(): Metrics {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry, prefix: 'wardroom_' })
  // These gauges end in _total, which Prometheus reserves for counters (`promtool check metrics` fails on
  // them); the same numbers remain, by type, in wardroom_nodejs_active_{handles,requests,resources}.
  for (const name of ['handles', 'requests', 'resources']) registry.removeSingleMetric(`wardroom_nodejs_active_${name}_total`)
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
  }
}

export const metrics: Metrics = (g.wardroomMetrics ??= create())

export function observeHttp(route: string, method: string, status: number, seconds: number): void {
  const labels = { route, method, status: String(status) }
  metrics.httpRequests.inc(labels)
  metrics.httpDuration.observe(labels, seconds)
}

/** Registers gauges whose values are read at scrape time (e.g. the database pool). Idempotent by name. */
export function registerCollectedGauge(name: string, help: string, read: () => number): void {
  if (metrics.registry.getSingleMetric(name)) return
  new client.Gauge({
    name,
    help,
    registers: [metrics.registry],
    collect() {
      this.set(read())
    },
  })
}
