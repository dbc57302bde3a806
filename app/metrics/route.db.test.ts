import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { env } from '@/lib/env'
import { metrics } from '@/lib/metrics'
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

describe('GET /metrics', () => {
  afterEach(() => {
    env.METRICS_TOKEN = undefined
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
    expect(text).toMatch(/^wardroom_db_pool_clients \d+$/m)
    expect(text).toMatch(/^wardroom_db_pool_clients_idle \d+$/m)
    expect(text).toMatch(/^wardroom_db_pool_clients_waiting \d+$/m)
    expect(text).toContain('# TYPE wardroom_process_cpu_seconds_total counter')
    expect(undeclaredFamilies(text)).toEqual([])
    // No e-mail addresses (or any user data) in labels.
    expect(text).not.toContain('@')
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
