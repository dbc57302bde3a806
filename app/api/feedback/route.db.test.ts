/**
 * The guide's feedback API: POST /api/feedback (201 with the item, 200 for a retry) and GET with filters
 * and keyset paging; errors in the one JSON shape; PHI in a description reaching neither the row, nor
 * the audit row, nor the logs.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { getPool } from '@/lib/db'
import { logger } from '@/lib/logger'
import { createApiKey, request, uid } from '@/test/factories'
import { GET, POST } from './route'

process.env.WARDROOM_ANALYTICS_KEY = 'feedback-test-key-0123456789abcdef'

let writeKey: string
let readKey: string
beforeAll(async () => {
  writeKey = (await createApiKey(['feedback:write'])).key
  readKey = (await createApiKey(['read'])).key
})
afterEach(() => vi.restoreAllMocks())

const word = () => `zq${uid('').replace(/[^a-z0-9]/g, '')}`
const post = (body: unknown, headers: Record<string, string> = {}, key: string | null = writeKey) =>
  POST(request('/api/feedback', { method: 'POST', body, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } }))
const get = (query: string, key: string | null = readKey) => GET(request(`/api/feedback${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }))

/** Every log call (the root logger and its children), as JSON lines. */
function captureLogs(): string[] {
  const lines: string[] = []
  const record = (...args: unknown[]) => void lines.push(JSON.stringify(args))
  const methods = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const
  for (const m of methods) vi.spyOn(logger, m).mockImplementation(record as never)
  vi.spyOn(logger, 'child').mockImplementation((bindings) => {
    lines.push(JSON.stringify(bindings))
    return Object.fromEntries([...methods.map((m) => [m, record]), ['child', () => logger]]) as never
  })
  return lines
}

describe('POST /api/feedback', () => {
  it('takes the guide’s payload and answers 201 with the triaged item', async () => {
    const res = await post({ type: 'bug', category: 'performance', description: `Slow response time ${word()}`, userId: 'user123' })
    expect(res.status).toBe(201)
    const body = await res.json()
    expect(body).toMatchObject({ type: 'bug', status: 'new', priority: 'medium', category: 'performance', priorityReason: 'medium: a performance bug', duplicateOf: null, safetyConcern: false })
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(Date.parse(body.slaDueAt)).toBeGreaterThan(Date.now() + 23 * 60 * 60 * 1000)
  })

  it('never lets PHI in a description reach the database row, the audit row or the logs', async () => {
    const phi = ['Harriet Okonkwo', '77120934', '07700 900123', 'h.okonkwo@example.net']
    const logs = captureLogs()
    const res = await post({
      type: 'bug',
      description: `${word()} Opened Harriet Okonkwo (MRN 77120934) and the AI summary listed the wrong allergies; her phone 07700 900123, email h.okonkwo@example.net`,
      context: { screen: 'Summary for Harriet Okonkwo', department: 'Cardiology' },
    })
    expect(res.status).toBe(201)
    const { id } = await res.json()
    const { rows } = await getPool().query('SELECT to_jsonb(f)::text AS item FROM "FeedbackItem" f WHERE id = $1', [id])
    const { rows: audits } = await getPool().query(`SELECT to_jsonb(a)::text AS row FROM "AuditLog" a WHERE "targetId" = $1`, [id])
    expect(rows).toHaveLength(1)
    // The submission and, as it reads as a safety concern, the safety lane's incident (safety-lane.ts).
    expect(audits).toHaveLength(2)
    const { rows: incidents } = await getPool().query(`SELECT to_jsonb(i)::text AS row FROM "Incident" i WHERE id = $1`, [JSON.parse(rows[0].item).incidentId])
    expect(incidents).toHaveLength(1)
    expect(logs.length).toBeGreaterThan(0) // the access line
    for (const value of phi) {
      expect(rows[0].item).not.toContain(value)
      for (const a of audits) expect(a.row).not.toContain(value)
      expect(incidents[0].row).not.toContain(value)
      expect(logs.join('\n')).not.toContain(value)
    }
    expect(JSON.parse(rows[0].item)).toMatchObject({ safetyConcern: true, priority: 'critical', screen: 'Summary for [NAME]' })
  })

  it('answers a retry with the same Idempotency-Key with 200 and the first item', async () => {
    const key = uid('retry')
    const body = { type: 'suggestion', description: `${word()} keyboard shortcut to accept the suggestion` }
    const first = await post(body, { 'idempotency-key': key })
    const retry = await post(body, { 'idempotency-key': key })
    expect([first.status, retry.status]).toEqual([201, 200])
    expect(await retry.json()).toEqual(await first.json())
    expect((await post({ ...body, idempotencyKey: uid('other') }, { 'idempotency-key': key })).status).toBe(422)
  })

  it('answers errors in the one JSON shape', async () => {
    const cases: [Promise<Response>, number, string][] = [
      [post({ type: 'bug', description: 'x' }, {}, null), 401, 'unauthorized'],
      [post({ type: 'bug', description: 'x' }, {}, readKey), 403, 'forbidden'],
      [POST(request('/api/feedback', { method: 'POST', raw: '{not json', headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' } })), 400, 'bad_request'],
      [POST(request('/api/feedback', { method: 'POST', raw: 'hi', headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'text/plain' } })), 415, 'unsupported_media_type'],
      [post({ type: 'bug', description: 'x'.repeat(70_000) }), 413, 'payload_too_large'],
      [post({ type: 'outage', description: '' }), 422, 'invalid'],
    ]
    for (const [pending, status, code] of cases) {
      const res = await pending
      expect(res.status).toBe(status)
      expect((await res.json()).error).toMatchObject({ code })
    }
    const invalid = await (await post({ type: 'bug', description: 'ok', rating: 9 })).json()
    expect(invalid.error.fields).toHaveProperty('rating')
  })
})

describe('GET /api/feedback', () => {
  it('filters by status and priority and pages with a cursor, newest first', async () => {
    const w = word()
    const created: string[] = []
    for (const text of ['cannot log in at all', 'crashes when opening the bed board', 'blank screen on the handover list']) {
      const res = await post({ type: 'bug', description: `${w} ${text}` })
      created.push((await res.json()).id)
    }
    const seen: { id: string; number: number; status: string; priority: string }[] = []
    let cursor: number | null = null
    for (let page = 0; page < 200 && !created.every((id) => seen.some((s) => s.id === id)); page++) {
      const res = await get(`?status=new&priority=high&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      const body = (await res.json()) as { items: typeof seen; nextCursor: number | null }
      expect(body.items.length).toBeLessThanOrEqual(2)
      seen.push(...body.items)
      if (body.nextCursor === null) break
      expect(body.nextCursor).toBe(body.items.at(-1)!.number)
      cursor = body.nextCursor
    }
    expect(created.every((id) => seen.some((s) => s.id === id))).toBe(true)
    expect(seen.every((s) => s.status === 'new' && s.priority === 'high')).toBe(true)
    const numbers = seen.map((s) => s.number)
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a))
    expect(new Set(numbers).size).toBe(numbers.length)
  })

  it('returns the item’s triage, SLA and context, never the reporter’s pseudonym', async () => {
    const res = await post({ type: 'bug', description: `${word()} the sepsis panel loads slowly`, userId: 'user123', context: { department: 'ED' } })
    const { id } = await res.json()
    const page = await (await get('?limit=100&type=bug&category=performance')).json()
    const item = page.items.find((i: { id: string }) => i.id === id)
    expect(item).toMatchObject({ category: 'performance', context: { department: 'ED' }, sla: { state: 'running', triagedAt: null }, duplicateOf: null })
    expect(JSON.stringify(item)).not.toMatch(/reporterKey|browserKey|"r_/)
  })

  it('refuses bad parameters (422) and keys without the read scope (403)', async () => {
    for (const q of ['?status=open', '?priority=urgent', '?limit=0', '?limit=101', '?cursor=abc']) {
      const res = await get(q)
      expect(res.status, q).toBe(422)
      expect((await res.json()).error.code).toBe('invalid')
    }
    expect((await get('', writeKey)).status).toBe(403)
    expect((await get('', null)).status).toBe(401)
  })
})
