/**
 * Screenshots through the widget's API: refused (422) unless an administrator let the site key accept them
 * (audited), then stored once, re-encoded without metadata, with size, type, hash and expiry; too large
 * (413), not the image it says (422), and an idempotent retry that stores nothing more. The item's audit
 * row says only that one was attached, and its size.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.WARDROOM_SECRET = 'test-wardroom-secret-0123456789abcdef'
  process.env.WARDROOM_ANALYTICS_KEY = 'feedback-test-key-0123456789abcdef'
})

import { systemActor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { createSiteKey, setSiteKeyScreenshots } from '@/lib/feedback/site-keys'
import { setRateLimiters, TokenBuckets } from '@/lib/http/rate-limit'
import { createUser, request, routeParams, uid } from '@/test/factories'
import { GET, POST } from './route'

const HOST = 'http://127.0.0.1:4173'
const SECRET_TEXT = 'Patient Jane Doe MRN 4711042'
let open: { id: string; publicId: string }
let closed: { id: string; publicId: string }
let jpegUrl: string

beforeAll(async () => {
  const a = await createSiteKey(systemActor('test'), { name: uid('shots-on'), origins: [HOST] })
  const b = await createSiteKey(systemActor('test'), { name: uid('shots-off'), origins: [HOST] })
  open = { id: a.row.id, publicId: a.row.publicId }
  closed = { id: b.row.id, publicId: b.row.publicId }
  const admin = await createUser('admin')
  const { actorOfUser } = await import('@/lib/auth/actor')
  await setSiteKeyScreenshots(actorOfUser(admin), { siteKeyId: open.id, accept: true })
  const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2255aa' } })
    .jpeg()
    .withExif({ IFD0: { ImageDescription: SECRET_TEXT } })
    .toBuffer()
  jpegUrl = `data:image/jpeg;base64,${image.toString('base64')}`
})
afterEach(() => setRateLimiters({ api: new TokenBuckets(1000, 1000) }))

let n = 0
const report = (extra: Record<string, unknown> = {}) => ({ type: 'bug', description: `Lactate chart blank ${randomUUID()}`, idempotencyKey: randomUUID(), ...extra })
const post = (siteKey: string, body: unknown) =>
  POST(request(`/api/feedback/widget/${siteKey}`, { body, headers: { origin: HOST, 'x-forwarded-for': `198.51.100.${(n++ % 250) + 1}` } }), routeParams({ key: siteKey }))
const shotOf = (feedbackItemId: string) => db.feedbackScreenshot.findUnique({ where: { feedbackItemId } })

describe('a site key that does not accept screenshots', () => {
  it('is the default, and a report carrying one is refused 422 screenshots_not_accepted; nothing is stored', async () => {
    const row = await db.feedbackSiteKey.findUniqueOrThrow({ where: { id: closed.id } })
    expect(row.acceptScreenshots).toBe(false)
    const body = report({ screenshot: jpegUrl })
    const res = await post(closed.publicId, body)
    expect(res.status).toBe(422)
    expect((await res.json()).error).toMatchObject({ code: 'screenshots_not_accepted', fields: { screenshot: expect.any(Array) } })
    expect(res.headers.get('access-control-allow-origin')).toBe(HOST)
    expect(await db.feedbackItem.count({ where: { idempotencyKey: body.idempotencyKey } })).toBe(0)
    // The same report without it goes through.
    expect((await post(closed.publicId, report())).status).toBe(201)
  })

  it('says so to the widget, which then does not offer one', async () => {
    const res = await GET(request(`/api/feedback/widget/${closed.publicId}`, { headers: { origin: HOST, 'x-wardroom-browser': randomBytes(24).toString('base64url') } }), routeParams({ key: closed.publicId }))
    expect(await res.json()).toMatchObject({ reports: [], screenshots: { accepted: false, retentionDays: 30 } })
    const on = await GET(request(`/api/feedback/widget/${open.publicId}`, { headers: { origin: HOST, 'x-wardroom-browser': randomBytes(24).toString('base64url') } }), routeParams({ key: open.publicId }))
    expect((await on.json()).screenshots).toEqual({ accepted: true, retentionDays: 30 })
  })
})

describe('a site key that accepts screenshots', () => {
  it('was turned on by an administrator, audited', async () => {
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'feedback_site_key.screenshots', targetId: open.id } })
    expect(audit.summary).toMatchObject({ acceptScreenshots: true, publicId: open.publicId })
  })

  it('stores the screenshot once, re-encoded without its EXIF, kept 30 days; a retry stores nothing more', async () => {
    const body = report({ screenshot: jpegUrl })
    const first = await post(open.publicId, body)
    expect(first.status).toBe(201)
    const { id } = await first.json()
    const shot = (await shotOf(id))!
    expect(shot).toMatchObject({ contentType: 'image/jpeg', purgedAt: null })
    expect(shot.sizeBytes).toBe(shot.data!.length)
    expect(shot.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(Buffer.from(shot.data!).includes(SECRET_TEXT)).toBe(false)
    expect((await sharp(Buffer.from(shot.data!)).metadata()).exif).toBeUndefined()
    expect(shot.expiresAt.getTime() - shot.createdAt.getTime()).toBe(30 * 86_400_000)
    // The item's audit row: attached, and its size; never the image.
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'feedback.submit', targetId: id } })
    expect(audit.summary).toMatchObject({ screenshotAttached: 'yes', screenshotBytes: shot.sizeBytes })
    expect(JSON.stringify(audit.summary)).not.toContain('base64')

    const retry = await post(open.publicId, body)
    expect(retry.status).toBe(200)
    expect((await retry.json()).id).toBe(id)
    expect(await db.feedbackScreenshot.count({ where: { feedbackItemId: id } })).toBe(1)
    expect(await db.feedbackItem.count({ where: { idempotencyKey: body.idempotencyKey } })).toBe(1)
  })

  it('takes reports without one as before', async () => {
    const res = await post(open.publicId, report())
    expect(res.status).toBe(201)
    expect(await shotOf((await res.json()).id)).toBeNull()
  })

  it('refuses more than 2 MB decoded with 413 screenshot_too_large', async () => {
    const big = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2 * 1024 * 1024)])
    const body = report({ screenshot: `data:image/png;base64,${big.toString('base64')}` })
    const res = await post(open.publicId, body)
    expect(res.status).toBe(413)
    expect((await res.json()).error.code).toBe('screenshot_too_large')
    expect(await db.feedbackItem.count({ where: { idempotencyKey: body.idempotencyKey } })).toBe(0)
  })

  it.each([
    ['a GIF', `data:image/gif;base64,${Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64')}`],
    ['JPEG bytes labelled PNG', `data:image/png;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]).toString('base64')}`],
    ['a PNG signature over junk', `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('junk junk junk!!')]).toString('base64')}`],
    ['not a data URL', 'https://ehr.example.org/screen.png'],
  ])('refuses %s with 422 screenshot_invalid, and stores nothing', async (_, screenshot) => {
    const body = report({ screenshot })
    const res = await post(open.publicId, body)
    expect(res.status).toBe(422)
    const { error } = await res.json()
    expect(error.code).toBe('screenshot_invalid')
    expect(JSON.stringify(error)).not.toContain(screenshot.slice(22, 40))
    expect(await db.feedbackItem.count({ where: { idempotencyKey: body.idempotencyKey } })).toBe(0)
  })
})
