import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { env } from '@/lib/env'
import { metrics } from '@/lib/metrics'
import { startServerRuntime } from '@/lib/runtime/server-runtime'
import { createUser, request } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { GET as GET_HEALTH } from '../health/route'
import { GET } from './route'

const PROMTOOL = '/usr/bin/promtool'

async function scrape(headers: Record<string, string> = {}): Promise<Response> {
  return GET(request('/metrics', { headers }))
}

/** Every sample belongs to a family announced with # HELP and # TYPE before it. */
function undeclaredFamilies(text: string): string[] {
  const help = new Set<string>()
  const type = new Map<string, string>()
  const missing = new Set<string>()
  for (const line of text.split('\n')) {
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line)
    if (meta) {
      if (meta[1] === 'HELP') help.add(meta[2]!)
      else type.set(meta[2]!, meta[3]!)
      continue
    }
    if (!line.trim()) continue
    const name = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line)![1]!
    const family = [name, name.replace(/_(bucket|sum|count|total|created)$/, '')].find((n) => type.has(n))
    if (!family || !help.has(family)) missing.add(name)
  }
  return [...missing]
}

/** Metric family names with their types, from the # TYPE lines. */
function families(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]))
}

describe('GET /metrics', () => {
  const schedulerDefault = env.WARDROOM_SCHEDULER
  afterEach(() => {
    env.METRICS_TOKEN = undefined
    env.WARDROOM_SCHEDULER = schedulerDefault
    signOut()
  })

  it('serves the Prometheus text format with HTTP, pool and process metrics', async () => {
    signInAs(await createUser('admin'))
    await GET_HEALTH(request('/health'))
    const res = await scrape()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(metrics.registry.contentType)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const text = await res.text()
    expect(text).toContain('# HELP wardroom_http_requests_total ')
    expect(text).toContain('# TYPE wardroom_http_requests_total counter')
    expect(text).toMatch(/^wardroom_http_requests_total\{route="\/health",method="GET",status="200"\} [1-9]\d*$/m)
    // createUser went through the pool, so it holds at least one connection.
    expect(text).toMatch(/^wardroom_db_pool_clients [1-9]\d*$/m)
    expect(text).toMatch(/^wardroom_db_pool_clients_idle \d+$/m)
    expect(text).toMatch(/^wardroom_db_pool_clients_waiting \d+$/m)
    expect(undeclaredFamilies(text)).toEqual([])
    // No e-mail addresses (or any user data) in labels.
    expect(text).not.toContain('@')
  })

  it('keeps the standard names of process and Node.js metrics, and one set of pool gauges', async () => {
    // Server start-up (instrumentation) once registered a second set of pool gauges under other names.
    env.WARDROOM_SCHEDULER = false
    await startServerRuntime()
    const types = families(await (await scrape()).text())
    // Stock Node.js dashboards and alerts query these names unprefixed.
    expect(types.get('process_cpu_seconds_total')).toBe('counter')
    expect(types.get('process_resident_memory_bytes')).toBe('gauge')
    expect(types.get('process_start_time_seconds')).toBe('gauge')
    expect(types.get('nodejs_eventloop_lag_seconds')).toBe('gauge')
    expect(types.get('nodejs_heap_size_total_bytes')).toBe('gauge')
    expect(types.get('nodejs_active_handles')).toBe('gauge')
    expect(types.get('nodejs_gc_duration_seconds')).toBe('histogram')
    // Gauges ending in _total are dropped (promtool rejects them); their numbers stay in the by-type gauges.
    for (const name of ['handles', 'requests', 'resources']) expect(types.has(`nodejs_active_${name}_total`)).toBe(false)
    // Application metrics, and only they, carry the wardroom_ prefix.
    const names = [...types.keys()]
    expect(names.filter((n) => !/^(wardroom|process|nodejs)_/.test(n))).toEqual([])
    expect(names.filter((n) => /^wardroom_(process|nodejs)_/.test(n))).toEqual([])
    expect(names.filter((n) => n.startsWith('wardroom_db_pool_')).sort()).toEqual([
      'wardroom_db_pool_clients',
      'wardroom_db_pool_clients_idle',
      'wardroom_db_pool_clients_waiting',
    ])
  })

  it('passes promtool check metrics where promtool is installed', async () => {
    const text = await (await scrape()).text()
    expect(text.endsWith('\n')).toBe(true)
    if (existsSync(PROMTOOL)) {
      // Throws (non-zero exit) on any problem promtool reports.
      expect(() => execFileSync(PROMTOOL, ['check', 'metrics'], { input: text, stdio: ['pipe', 'pipe', 'pipe'] })).not.toThrow()
    }
  })

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    env.METRICS_TOKEN = 'metrics-token-0123456789abcdef'
    const none = await scrape()
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /)
    expect((await none.json()).error.code).toBe('unauthorized')
    expect((await scrape({ authorization: 'Bearer wrong-token' })).status).toBe(401)
    expect((await scrape({ authorization: 'Basic bWV0cmljcy10b2tlbi0wMTIzNDU2Nzg5YWJjZGVm' })).status).toBe(401)
    const ok = await scrape({ authorization: 'Bearer metrics-token-0123456789abcdef' })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('wardroom_http_requests_total')
  })
})
