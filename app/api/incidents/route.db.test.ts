/** GET /api/incidents (board JSON) and GET /api/incidents/stream (Server-Sent Events). */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { publishIncidentChange } from '@/lib/live'
import { incidentWatcherCount, pollIncidentChanges } from '@/lib/incidents/live-watch'
import { createApiKey, createUser, request, routeParams, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import type { SessionUser } from '@/lib/auth/session'
import { GET as board } from './route'
import { GET as stream } from './stream/route'

let viewer: SessionUser
let serviceKey: string
let incidentId: string
beforeAll(async () => {
  viewer = await createUser('viewer')
  const svc = await db.service.create({ data: { key: uid('svc'), name: 'API svc', workflows: [] } })
  serviceKey = svc.key
  incidentId = (
    await db.incident.create({ data: { title: 'Latency', severity: 'high', dedupKey: uid('api'), serviceId: svc.id, workflows: [] } })
  ).id
})
afterEach(() => signOut())

describe('GET /api/incidents', () => {
  it('answers the board for a signed-in reader, with filters from the query string', async () => {
    signInAs(viewer)
    const res = await board(request(`/api/incidents?service=${serviceKey}&severity=high&range=nope`), routeParams({}))
    expect(res.status).toBe(200)
    const body = (await res.json()) as { columns: Record<string, { id: string }[]>; invalidFilters: string[]; filters: unknown }
    expect(body.columns.triggered!.map((c) => c.id)).toEqual([incidentId])
    expect(body.filters).toEqual({ severity: ['high'], service: serviceKey })
    expect(body.invalidFilters).toEqual(['range'])
  })

  it('answers a machine with the read scope; 401 without credentials, 403 with the wrong scope', async () => {
    const { key } = await createApiKey(['read'])
    expect((await board(request(`/api/incidents?service=${serviceKey}`, { headers: { authorization: `Bearer ${key}` } }), routeParams({}))).status).toBe(200)
    expect((await board(request('/api/incidents'), routeParams({}))).status).toBe(401)
    const { key: wrong } = await createApiKey(['alerts:write'])
    expect((await board(request('/api/incidents', { headers: { 'x-api-key': wrong } }), routeParams({}))).status).toBe(403)
  })
})

const decoder = new TextDecoder()

/** Reads the stream until an `event: incident` for `id` arrives; returns its data. */
async function readIncidentEvent(reader: ReadableStreamDefaultReader<Uint8Array>, id: string): Promise<{ id: string; updatedAt: string }> {
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) throw new Error('stream ended')
    buffer += decoder.decode(value)
    for (const block of buffer.split('\n\n')) {
      const data = /^event: incident\ndata: (.+)$/m.exec(block)?.[1]
      if (data && (JSON.parse(data) as { id: string }).id === id) return JSON.parse(data) as { id: string; updatedAt: string }
    }
  }
}

describe('GET /api/incidents/stream', () => {
  it('refuses anonymous users and those without incident:read', async () => {
    expect((await stream(request('/api/incidents/stream'), routeParams({}))).status).toBe(401)
    signInAs(await createUser('clinician'))
    expect((await stream(request('/api/incidents/stream'), routeParams({}))).status).toBe(403)
  })

  it('streams a published change as an `incident` event, and stops watching when the client goes', async () => {
    signInAs(viewer)
    const res = await stream(request('/api/incidents/stream'), routeParams({}))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(res.headers.get('cache-control')).toContain('no-transform')
    const reader = res.body!.getReader()
    const first = await reader.read()
    expect(decoder.decode(first.value)).toContain('retry: ')

    const next = readIncidentEvent(reader, incidentId)
    // The watch starts with the read; publish once it is listening.
    await new Promise((r) => setTimeout(r, 20))
    expect(incidentWatcherCount()).toBeGreaterThan(0)
    publishIncidentChange(incidentId)
    const event = await next
    expect(event.id).toBe(incidentId)
    expect(Number.isNaN(Date.parse(event.updatedAt))).toBe(false)

    await reader.cancel()
    expect(incidentWatcherCount()).toBe(0)
  })

  it('sees changes made by another instance through the updatedAt poll', async () => {
    signInAs(viewer)
    const res = await stream(request('/api/incidents/stream'), routeParams({}))
    const reader = res.body!.getReader()
    await reader.read()
    const next = readIncidentEvent(reader, incidentId)
    await new Promise((r) => setTimeout(r, 20))
    // The first poll has learnt where "now" is; a write that publishes nothing here is found by the next poll.
    await pollIncidentChanges()
    await db.incident.update({ where: { id: incidentId }, data: { title: 'Latency (edited elsewhere)' } })
    await pollIncidentChanges()
    const event = await next
    expect(event.id).toBe(incidentId)
    await reader.cancel()
    expect(incidentWatcherCount()).toBe(0)
  })

  it('ends the stream when the request is aborted', async () => {
    signInAs(viewer)
    const abort = new AbortController()
    const req = new Request('http://localhost:3000/api/incidents/stream', { signal: abort.signal })
    const res = await stream(req, routeParams({}))
    const reader = res.body!.getReader()
    await reader.read()
    const rest = reader.read()
    await new Promise((r) => setTimeout(r, 20))
    abort.abort()
    expect((await rest).done).toBe(true)
    expect(incidentWatcherCount()).toBe(0)
  })
})
