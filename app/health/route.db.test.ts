import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import pkg from '@/package.json'
import { checkDatabase } from '@/lib/health'
import { request } from '@/test/factories'
import { GET } from './route'
import { GET as GET_DB } from './db/route'

// A switch that points getPool() at a server that is not there, to see the unhealthy answer.
const state = vi.hoisted(() => ({ broken: false }))
vi.mock('@/lib/db', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/db')>()
  const { default: pg } = await import('pg')
  const dead = new pg.Pool({ connectionString: 'postgresql://wardroom:secret@127.0.0.1:1/nowhere', connectionTimeoutMillis: 1000 })
  dead.on('error', () => {})
  return { ...real, getPool: () => (state.broken ? dead : real.getPool()) }
})

async function withBrokenDatabase<T>(fn: () => Promise<T>): Promise<T> {
  state.broken = true
  try {
    return await fn()
  } finally {
    state.broken = false
  }
}

describe('GET /health', () => {
  it('is public and answers 200 healthy with version, uptime and the database latency, never cached', async () => {
    expect(GET.meta).toEqual({ route: '/health', access: { kind: 'public' } })
    const res = await GET(request('/health'))
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = await res.json()
    expect(body).toMatchObject({ status: 'healthy', version: pkg.version, checks: { database: { status: 'up' } } })
    expect(Date.parse(body.timestamp)).not.toBeNaN()
    expect(body.uptime).toBeGreaterThanOrEqual(0)
    expect(body.checks.database.latencyMs).toBeGreaterThanOrEqual(0)
  })

  it('answers 503 unhealthy with Retry-After and an error code, without connection details', async () => {
    const res = await withBrokenDatabase(() => GET(request('/health')))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const text = await res.text()
    expect(JSON.parse(text)).toMatchObject({ status: 'unhealthy', checks: { database: { status: 'down', code: 'ECONNREFUSED' } } })
    expect(text).not.toMatch(/127\.0\.0\.1|secret|nowhere|wardroom:/)
    expect(JSON.parse(text).reason).toBe('The database does not answer (ECONNREFUSED).')
  })

  it('says the embedded server is restarting when its supervisor says so', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'health-')), 'embedded-state.json')
    const restarting = { state: 'restarting', pid: null, restarts: 2, since: '2026-12-06T21:00:00.000Z', lastExit: 'signal SIGKILL', lastError: null }
    writeFileSync(file, JSON.stringify(restarting))
    vi.stubEnv('WARDROOM_EMBEDDED_STATE', file)
    try {
      const res = await withBrokenDatabase(() => GET(request('/health')))
      expect(res.status).toBe(503)
      expect(await res.json()).toMatchObject({
        status: 'unhealthy',
        reason: 'The embedded PostgreSQL server stopped (signal SIGKILL) and is being restarted.',
        checks: { database: { status: 'down' }, embeddedServer: { status: 'restarting', restarts: 2, lastExit: 'signal SIGKILL' } },
      })
      writeFileSync(file, JSON.stringify({ ...restarting, state: 'running', restarts: 3 }))
      const ok = await (await GET(request('/health'))).json()
      expect(ok).toMatchObject({ status: 'healthy', checks: { embeddedServer: { status: 'running', restarts: 3 }, disk: { status: 'ok' } } })
      expect(ok.checks.disk.freeBytes).toBeGreaterThan(0)
      expect(ok.reason).toBeUndefined()
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

describe('GET /health/db', () => {
  it('reports the database alone: 200 up, 503 down', async () => {
    expect(GET_DB.meta.access).toEqual({ kind: 'public' })
    const up = await GET_DB(request('/health/db'))
    expect(up.status).toBe(200)
    expect(await up.json()).toMatchObject({ status: 'healthy', database: { status: 'up' } })
    const down = await withBrokenDatabase(() => GET_DB(request('/health/db')))
    expect(down.status).toBe(503)
    expect(await down.json()).toMatchObject({ status: 'unhealthy', database: { status: 'down', code: 'ECONNREFUSED' } })
  })
})

describe('checkDatabase', () => {
  it('gives up after the deadline', async () => {
    const hung = { query: () => new Promise<never>(() => {}) }
    const result = await checkDatabase(hung, 50)
    expect(result).toMatchObject({ status: 'down', code: 'timeout' })
    expect(result.latencyMs).toBeGreaterThanOrEqual(45)
  })

  it('reports a code only, never a message', async () => {
    const failing = { query: () => Promise.reject(Object.assign(new Error('password authentication failed for user "x"'), { code: '28P01' })) }
    expect(await checkDatabase(failing)).toMatchObject({ status: 'down', code: '28P01' })
    const odd = { query: () => Promise.reject(new Error('some message')) }
    expect(await checkDatabase(odd)).toMatchObject({ status: 'down', code: 'error' })
  })
})
