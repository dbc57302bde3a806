/** POST /api/sli/events: envelopes, storage, audit, and every kind of bad input naming item and field. */
import { beforeAll, describe, expect, it } from 'vitest'
import { db, getPool } from '@/lib/db'
import { createApiKey, request, uid } from '@/test/factories'
import { POST } from './route'

let key: string
let readOnlyKey: string

beforeAll(async () => {
  key = (await createApiKey(['sli:write'])).key
  readOnlyKey = (await createApiKey(['read'])).key
})

const post = (init: { body?: unknown; raw?: string; headers?: Record<string, string> }, k = key) =>
  POST(request('/api/sli/events', { method: 'POST', ...init, headers: { authorization: `Bearer ${k}`, ...init.headers } }))

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } }

const recent = () => new Date(Date.now() - 60_000).toISOString()

async function storedFor(service: string) {
  const { rows } = await getPool().query<{ sli: string; workflow: string; value: number | null; good: number | null; total: number | null }>(
    `SELECT sli, workflow, value, good, total FROM "SliEvent" WHERE service = $1 ORDER BY id`,
    [service],
  )
  return rows
}

describe('POST /api/sli/events', () => {
  it('declares API-key access with scope sli:write', () => {
    expect(POST.meta).toEqual({ route: '/api/sli/events', access: { kind: 'apikey', scope: 'sli:write' } })
  })

  it.each([
    ['a bare array', (items: unknown[]) => items],
    ['{"events": [...]}', (items: unknown[]) => ({ events: items })],
    ['{"items": [...]}', (items: unknown[]) => ({ items })],
  ])('accepts %s of value and ratio items → 202 {accepted}', async (_name, wrap) => {
    const service = uid('svc')
    const items = [
      { sli: 'patient_response_time', service, workflow: 'emergency_triage', at: recent(), value: 1830 },
      { sli: 'system_availability', service, at: recent(), good: 995, total: 1000 },
    ]
    const res = await post({ body: wrap(items) })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ accepted: 2 })
    expect(await storedFor(service)).toEqual([
      { sli: 'patient_response_time', workflow: 'emergency_triage', value: 1830, good: null, total: null },
      { sli: 'system_availability', workflow: '', value: null, good: 995, total: 1000 },
    ])
  })

  it('audits each batch once with the item count, never the values', async () => {
    const service = uid('svc')
    const items = Array.from({ length: 25 }, (_, i) => ({ sli: 'patient_response_time', service, at: recent(), value: 1000 + i }))
    const res = await post({ body: items, headers: { 'x-request-id': uid('req') } })
    const rows = await db.auditLog.findMany({ where: { requestId: res.headers.get('x-request-id')! } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ action: 'sli.ingest', actorType: 'apikey', count: 25, summary: { slis: ['patient_response_time'], services: [service] } })
    expect(JSON.stringify(rows[0]!.summary)).not.toContain('1001')
  })

  it('takes a full batch of 10,000 items in one request', async () => {
    const service = uid('svc')
    const at = recent()
    const items = Array.from({ length: 10_000 }, (_, i) => ({ sli: 'patient_response_time', service, at, value: i }))
    const res = await post({ body: { events: items } })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ accepted: 10_000 })
    const { rows } = await getPool().query<{ n: string }>(`SELECT count(*)::text AS n FROM "SliEvent" WHERE service = $1`, [service])
    expect(rows[0]!.n).toBe('10000')
  })

  const item = { sli: 'patient_response_time', service: 'ai-engine', at: '2026-01-01T00:00:00Z', value: 100 }
  const future = () => new Date(Date.now() + 6 * 60_000).toISOString()
  it.each([
    ['a value that is not a number', () => [item, item, item, { ...item, value: 'slow' }], 'items.3.value'],
    ['both value and counts', () => [{ ...item, good: 1, total: 1 }], 'items.0.value'],
    ['neither value nor counts', () => [{ ...item, value: undefined }], 'items.0.value'],
    ['good without total', () => [item, { ...item, value: undefined, good: 3 }], 'items.1.total'],
    ['good above total', () => [{ ...item, value: undefined, good: 5, total: 3 }], 'items.0.good'],
    ['a fractional count', () => [{ ...item, value: undefined, good: 1.5, total: 3 }], 'items.0.good'],
    ['a bad timestamp', () => [{ ...item, at: '01/01/2026' }], 'items.0.at'],
    ['a timestamp more than 5 minutes ahead', () => [item, { ...item, at: future() }], 'items.1.at'],
    ['a UTC offset PostgreSQL cannot store', () => [{ ...item, at: '2026-01-01T20:00:00+16:00' }], 'items.0.at'],
    ['a missing service', () => [{ ...item, service: undefined }], 'items.0.service'],
    ['an unknown field', () => [{ ...item, patientId: 'x' }], 'items.0'],
    ['an empty batch', () => [], 'items'],
    ['more than 10,000 items', () => Array.from({ length: 10_001 }, () => item), 'items'],
  ] as const)('%s → 422 naming %s', async (_name, make, field) => {
    const res = await post({ body: { events: make() } })
    expect(res.status).toBe(422)
    const body = (await res.json()) as ErrorBody
    expect(body.error.code).toBe('invalid')
    expect(Object.keys(body.error.fields ?? {})).toContain(field)
  })

  it('stores nothing from a batch with one bad item', async () => {
    const service = uid('svc')
    const res = await post({ body: [{ ...item, service }, { ...item, service, at: future() }] })
    expect(res.status).toBe(422)
    expect(await storedFor(service)).toEqual([])
  })

  it.each([
    ['an object without items', { body: { data: [] } }, 422],
    ['malformed JSON', { raw: '[{"sli":', headers: { 'content-type': 'application/json' } }, 400],
    ['the wrong media type', { raw: 'sli=x', headers: { 'content-type': 'text/plain' } }, 415],
  ] as const)('%s → %i', async (_name, init, status) => {
    const res = await post(init)
    expect(res.status).toBe(status)
    expect(((await res.json()) as ErrorBody).error.message).toBeTruthy()
  })

  it('refuses bodies over 8 MB with 413, and accepts more than the default 1 MB', async () => {
    const big = await post({ raw: `[${' '.repeat(8 * 1024 * 1024)}]`, headers: { 'content-type': 'application/json' } })
    expect(big.status).toBe(413)
    const service = uid('svc')
    const padded = `[${' '.repeat(2 * 1024 * 1024)}${JSON.stringify({ ...item, service, at: recent() })}]`
    const ok = await post({ raw: padded, headers: { 'content-type': 'application/json' } })
    expect(ok.status).toBe(202)
  })

  it('needs an API key with sli:write', async () => {
    expect((await POST(request('/api/sli/events', { method: 'POST', body: [item] }))).status).toBe(401)
    expect((await post({ body: [item] }, readOnlyKey)).status).toBe(403)
  })
})
