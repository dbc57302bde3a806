/** GET /api/incidents/column: a board column a page at a time, and its 400s for what it cannot read. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { encodeCursor } from '@/lib/incidents/board-cursor'
import { createApiKey, createUser, request, routeParams, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import type { SessionUser } from '@/lib/auth/session'
import { GET as board } from '../route'
import { GET as column } from './route'

interface Page {
  status: string
  cards: { id: string; number: number }[]
  nextCursor: string | null
  total: number
}
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string[]> }
}

let viewer: SessionUser
let serviceKey: string
const ids: string[] = []
beforeAll(async () => {
  viewer = await createUser('viewer')
  const svc = await db.service.create({ data: { key: uid('svc'), name: 'Column svc', workflows: [] } })
  serviceKey = svc.key
  // Oldest first, so the board (newest first) lists them in reverse.
  for (let i = 0; i < 14; i++) {
    const triggeredAt = new Date(Date.now() - (14 - i) * 60_000)
    const row = await db.incident.create({ data: { title: `Column ${i}`, severity: 'low', dedupKey: uid('col'), serviceId: svc.id, workflows: [], triggeredAt } })
    ids.unshift(row.id)
  }
})
afterEach(() => signOut())

const get = (query: string, headers: Record<string, string> = {}) => column(request(`/api/incidents/column?${query}`, { headers }), routeParams({}))

describe('GET /api/incidents/column', () => {
  it('continues the board from its cursor, to the end of the column', async () => {
    signInAs(viewer)
    const first = (await (await board(request(`/api/incidents?service=${serviceKey}`), routeParams({}))).json()) as {
      columns: Record<string, { id: string }[]>
      totals: Record<string, number>
      nextCursors: Record<string, string | null>
    }
    expect(first.columns.triggered!.map((c) => c.id)).toEqual(ids.slice(0, 10))
    expect(first.totals.triggered).toBe(14)

    const res = await get(`status=triggered&service=${serviceKey}&limit=3&cursor=${first.nextCursors.triggered}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const page = (await res.json()) as Page
    expect(page.cards.map((c) => c.id)).toEqual(ids.slice(10, 13))
    expect([page.status, page.total, typeof page.nextCursor]).toEqual(['triggered', 14, 'string'])

    const last = (await (await get(`status=triggered&service=${serviceKey}&cursor=${page.nextCursor}`)).json()) as Page
    expect(last.cards.map((c) => c.id)).toEqual(ids.slice(13))
    expect(last.nextCursor).toBeNull()
  })

  it('answers machines with the read scope; 401 without credentials', async () => {
    const { key } = await createApiKey(['read'])
    const res = await get(`status=triggered&service=${serviceKey}&limit=1`, { authorization: `Bearer ${key}` })
    expect(res.status).toBe(200)
    expect(((await res.json()) as Page).cards.map((c) => c.id)).toEqual([ids[0]])
    expect((await get('status=triggered')).status).toBe(401)
  })

  it.each([
    ['an unknown column', 'status=snoozed', 'status'],
    ['no column', 'limit=5', 'status'],
    ['a limit over 100', 'status=triggered&limit=500', 'limit'],
    ['an unknown severity', 'status=triggered&severity=sev1', 'severity'],
    ['a garbled cursor', 'status=triggered&cursor=not-a-cursor', 'cursor'],
    ['an edited cursor', `status=triggered&cursor=${encodeCursor({ status: 'triggered', severity: 'high', at: new Date(), number: 1 }).slice(0, -4)}`, 'cursor'],
    ['a cursor of another column', `status=triggered&cursor=${encodeCursor({ status: 'resolved', at: new Date(), number: 3 })}`, 'cursor'],
  ])('400 with the field named for %s, never a 500', async (_name, query, field) => {
    signInAs(viewer)
    const res = await get(query)
    expect(res.status).toBe(400)
    const body = (await res.json()) as ErrorBody
    expect(body.error.code).toBe('bad_request')
    expect(body.error.message.length).toBeGreaterThan(0)
    expect(Object.keys(body.error.fields ?? {})).toContain(field)
  })
})
