/**
 * Viewing a report's screenshot: triage staff only (a session with feedback:triage), each view audited on the
 * item, never cached or sniffed; 404 when there is none and `screenshot_expired` once the
 * feedback-screenshots-purge job deleted it (with one receipt per run). A merged duplicate keeps its own.
 */
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.WARDROOM_ANALYTICS_KEY = 'feedback-test-key-0123456789abcdef'
})

import { actorOfUser, systemActor } from '@/lib/auth/actor'
import type { SessionUser } from '@/lib/auth/session'
import { db } from '@/lib/db'
import { submitFeedback } from '@/lib/feedback/commands'
import { mergeFeedback } from '@/lib/feedback/merge'
import { prepareScreenshot } from '@/lib/feedback/screenshots'
import { feedbackScreenshotsPurge } from '@/lib/jobs/feedback-screenshots-purge'
import { createUser, request, routeParams } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { GET } from './route'

let triager: SessionUser
let viewer: SessionUser
let pngUrl: string
beforeAll(async () => {
  triager = await createUser('pm')
  viewer = await createUser('viewer')
  const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#aa3311' } }).png().toBuffer()
  pngUrl = `data:image/png;base64,${png.toString('base64')}`
})
afterEach(() => signOut())

async function itemWithScreenshot(now = new Date()): Promise<{ id: string; number: number }> {
  const { result } = await submitFeedback(
    systemActor('test'),
    { type: 'bug', description: `Observation chart cut off ${randomUUID()} ${randomUUID()}`, idempotencyKey: randomUUID(), source: 'in_app' },
    { now, screenshot: await prepareScreenshot(pngUrl) },
  )
  return result
}
const view = (id: string) => GET(request(`/api/feedback/items/${id}/screenshot`), routeParams({ id }))
const views = (id: string) => db.auditLog.count({ where: { action: 'feedback_screenshot.view', targetId: id } })

describe('GET /api/feedback/items/[id]/screenshot', () => {
  it('serves a triager the image, uncached and unsniffable, and audits each view on the item', async () => {
    const item = await itemWithScreenshot()
    signInAs(triager)
    const res = await view(item.id)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect((await sharp(bytes).metadata()).width).toBe(20)
    await view(item.id)
    expect(await views(item.id)).toBe(2)
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'feedback_screenshot.view', targetId: item.id } })
    expect(audit).toMatchObject({ actorId: triager.id, targetType: 'feedback', summary: { number: item.number, bytes: bytes.length } })
  })

  it('refuses without a session (401) and without feedback:triage (403), and audits nothing', async () => {
    const item = await itemWithScreenshot()
    expect((await view(item.id)).status).toBe(401)
    signInAs(viewer)
    const res = await view(item.id)
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/json/)
    expect(await views(item.id)).toBe(0)
  })

  it('answers 404 for an item without a screenshot and for a made-up id', async () => {
    signInAs(triager)
    const { result } = await submitFeedback(systemActor('test'), { type: 'bug', description: `No picture ${randomUUID()}`, idempotencyKey: randomUUID(), source: 'in_app' })
    expect((await view(result.id)).status).toBe(404)
    expect((await view(randomUUID())).status).toBe(404)
    expect((await view('not-a-uuid')).status).toBe(404)
  })

  it('keeps a merged duplicate’s screenshot reachable from the duplicate', async () => {
    const child = await itemWithScreenshot()
    const { result: parent } = await submitFeedback(systemActor('test'), { type: 'bug', description: `Parent ${randomUUID()}`, idempotencyKey: randomUUID(), source: 'in_app' })
    await mergeFeedback(actorOfUser(triager), { id: child.id, into: `FB-${parent.number}` })
    signInAs(triager)
    expect((await view(child.id)).status).toBe(200)
    expect((await view(parent.id)).status).toBe(404)
  })
})

describe('feedback-screenshots-purge', () => {
  it('deletes expired screenshots with one receipt; the route then says expired; a second run finds nothing', async () => {
    const old = await itemWithScreenshot(new Date(Date.now() - 31 * 86_400_000))
    const fresh = await itemWithScreenshot()
    const now = new Date()
    const log = { info: () => {}, warn: () => {} } as never
    const result = await feedbackScreenshotsPurge.run({ now, log, signal: new AbortController().signal })
    expect(result.count).toBeGreaterThanOrEqual(1)
    expect(result.retentionDays).toBe(30)
    const purged = await db.feedbackScreenshot.findUniqueOrThrow({ where: { feedbackItemId: old.id } })
    expect(purged).toMatchObject({ data: null, purgedAt: now })
    expect((await db.feedbackScreenshot.findUniqueOrThrow({ where: { feedbackItemId: fresh.id } })).data).not.toBeNull()

    const receipt = await db.auditLog.findFirstOrThrow({ where: { action: 'feedback_screenshot.purge' }, orderBy: { id: 'desc' } })
    expect(receipt.summary).toMatchObject({ count: result.count, bytes: expect.any(Number), from: expect.any(String), to: expect.any(String), retentionDays: 30 })
    expect(receipt.actorLabel).toContain('feedback-screenshots-purge')

    signInAs(triager)
    const res = await view(old.id)
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('screenshot_expired')
    expect((await view(fresh.id)).status).toBe(200)

    const before = await db.auditLog.count({ where: { action: 'feedback_screenshot.purge' } })
    expect((await feedbackScreenshotsPurge.run({ now, log, signal: new AbortController().signal })).count).toBe(0)
    expect(await db.auditLog.count({ where: { action: 'feedback_screenshot.purge' } })).toBe(before)
  })
})
