import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RouteHandler } from '@/lib/http/route'
import { FAST_PATHS, matchFastPath } from './fast-paths'

const root = path.resolve(import.meta.dirname, '../..')

describe('matchFastPath', () => {
  it('finds the machine routes with their parameters, whatever the query string', () => {
    expect(matchFastPath('POST', '/ofrep/v1/evaluate/flags')?.path.module).toBe('ofrep/v1/evaluate/flags')
    expect(matchFastPath('POST', '/ofrep/v1/evaluate/flags/triage-ai?x=1')).toMatchObject({
      path: { module: 'ofrep/v1/evaluate/flags/[key]' },
      params: { key: 'triage-ai' },
    })
    expect(matchFastPath('POST', '/ofrep/v1/evaluate/flags/a%20b')?.params).toEqual({ key: 'a b' })
    expect(matchFastPath('GET', '/ofrep/v1/configuration')?.path.module).toBe('ofrep/v1/configuration')
    expect(matchFastPath('HEAD', '/ofrep/v1/configuration')?.path.module).toBe('ofrep/v1/configuration')
    expect(matchFastPath('POST', '/api/alerts')?.path.module).toBe('api/alerts')
    expect(matchFastPath('POST', '/api/alerts/alertmanager')?.path.module).toBe('api/alerts/alertmanager')
    expect(matchFastPath('POST', '/api/alerts/events/v2')?.path.module).toBe('api/alerts/events/v2')
    expect(matchFastPath('POST', '/api/sli/events')?.path.module).toBe('api/sli/events')
    expect(matchFastPath('POST', '/api/analytics/batch')?.path.module).toBe('api/analytics/batch')
    expect(matchFastPath('POST', '/api/analytics/v1/identify')?.path.module).toBe('api/analytics/v1/identify')
  })

  it('leaves everything else to Next: other methods, trailing slashes, deeper paths, undecodable segments, pages', () => {
    expect(matchFastPath('GET', '/api/alerts')).toBeNull() // 405 is Next's answer
    expect(matchFastPath('GET', '/ofrep/v1/evaluate/flags')).toBeNull()
    expect(matchFastPath('POST', '/api/alerts/')).toBeNull() // Next redirects it
    expect(matchFastPath('POST', '/ofrep/v1/evaluate/flags/a/b')).toBeNull()
    expect(matchFastPath('POST', '/ofrep/v1/evaluate/flags/%E0%A4%A')).toBeNull()
    expect(matchFastPath('GET', '/incidents')).toBeNull()
    expect(matchFastPath('GET', '/api/alerts-export')).toBeNull()
    expect(matchFastPath('POST', '/api/incidents/1/ack')).toBeNull()
    // The cockpit's analytics reads take a session: Next's.
    expect(matchFastPath('GET', '/api/analytics/funnel')).toBeNull()
    expect(matchFastPath('GET', '/api/analytics/dashboard')).toBeNull()
  })
})

describe('FAST_PATHS', () => {
  for (const fast of FAST_PATHS) {
    it(`${fast.method} ${fast.module} is a route handler that needs no request context of Next's`, async () => {
      const file = path.join(root, 'app', fast.module, 'route.ts')
      expect(existsSync(file), file).toBe(true)
      const handler = ((await import(file)) as Record<string, RouteHandler | undefined>)[fast.method]
      expect(handler?.meta, `${fast.method} of ${file} is built with defineRoute`).toBeDefined()
      // Served outside Next: no cookies or session (which read Next's request store), only keys or nothing.
      expect(['apikey', 'public']).toContain(handler!.meta.access.kind)
      // The pattern and the route template agree: the template, with its parameters filled in, matches.
      const url = handler!.meta.route.replace(/\[(\w+)\]/g, 'x')
      expect(matchFastPath(fast.method, url)?.path).toBe(fast)
      // The first import loads most of lib: seconds on a busy machine.
    }, 30_000)
  }
})
