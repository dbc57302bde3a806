/**
 * E-mail intake over HTTP: the fixtures in test/fixtures/email posted as a provider's webhook would post
 * them — raw (message/rfc822) and as SendGrid's raw form — become redacted items with source email, once
 * per Message-ID; automatic replies are ignored; bad requests get the one JSON error shape.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, getPool } from '@/lib/db'
import { createApiKey, uid } from '@/test/factories'
import { POST } from './route'

process.env.WARDROOM_ANALYTICS_KEY = 'feedback-test-key-0123456789abcdef'

let writeKey: string
let readKey: string
beforeAll(async () => {
  writeKey = (await createApiKey(['feedback:write'])).key
  readKey = (await createApiKey(['read'])).key
})

/** A fixture with its own Message-ID and a unique word in the subject (reruns and duplicate detection aside). */
function mail(name: string): { raw: Buffer; word: string } {
  const word = `zq${uid('').replace(/[^a-z0-9]/g, '')}`
  const text = readFileSync(path.join(process.cwd(), 'test/fixtures/email', name), 'latin1')
    .replace(/^Message-ID: </m, `Message-ID: <${word}-`)
    .replace(/^Subject: (.*)$/m, `Subject: $1 ${word}`)
  return { raw: Buffer.from(text, 'latin1'), word }
}

const post = (body: BodyInit, type = 'message/rfc822', key: string | null = writeKey) =>
  POST(new Request('http://localhost:3000/api/feedback/email', { method: 'POST', body, headers: { 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) } }))

const rowOf = async (id: string) => (await getPool().query('SELECT to_jsonb(f) AS item FROM "FeedbackItem" f WHERE id = $1', [id])).rows[0]!.item as Record<string, unknown>

describe('POST /api/feedback/email', () => {
  it('turns a message into a redacted item from the sender’s pseudonym, once per Message-ID', async () => {
    const { raw, word } = mail('ward-bug.eml')
    const res = await post(new Uint8Array(raw))
    expect(res.status).toBe(201)
    const item = await res.json()
    expect(item).toMatchObject({ type: 'bug', status: 'new' })
    const row = await rowOf(item.id)
    expect(row).toMatchObject({ source: 'email', department: 'Emergency' })
    expect(row.reporterKey).toEqual(expect.any(String))
    const stored = JSON.stringify(row)
    for (const phi of ['Harriet Okonkwo', '77120934', '07700 900123', 'jane.smith@stmarys.example']) expect(stored).not.toContain(phi)
    expect(row.description).toContain(`AI suggestion panel hangs on the summary screen ${word}`)
    expect(Object.keys(row.redactions as object).length).toBeGreaterThan(0)

    // The provider retries: the same item, not a second one.
    const again = await post(new Uint8Array(raw))
    expect(again.status).toBe(200)
    expect((await again.json()).id).toBe(item.id)
    expect(await db.feedbackItem.count({ where: { description: { contains: word } } })).toBe(1)
  })

  it('reads a safety concern in a Latin-1 message and puts it on the safety lane', async () => {
    const res = await post(new Uint8Array(mail('safety-latin1.eml').raw))
    expect(res.status).toBe(201)
    const item = await res.json()
    expect(item).toMatchObject({ safetyConcern: true, priority: 'critical' })
    expect((await rowOf(item.id)).description).toContain('Café déjà vu')
  })

  it('takes SendGrid’s raw form (the message in the field "email")', async () => {
    const { raw, word } = mail('html-suggestion.eml')
    const form = new FormData()
    form.set('email', raw.toString('utf8'))
    form.set('to', 'feedback+intensive-care@wardroom.example')
    const encoded = new Request('http://x', { method: 'POST', body: form })
    const res = await post(new Uint8Array(await encoded.arrayBuffer()), encoded.headers.get('content-type')!)
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ type: 'suggestion' })
    expect(await db.feedbackItem.findFirst({ where: { description: { contains: word } }, select: { department: true, source: true } })).toEqual({ department: 'Intensive care', source: 'email' })
  })

  it('answers 202 to an automatic reply and stores nothing', async () => {
    const { raw, word } = mail('auto-reply.eml')
    const res = await post(new Uint8Array(raw))
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ ignored: true, reason: 'Automatic message (Auto-Submitted: auto-replied): not a report' })
    expect(await db.feedbackItem.count({ where: { description: { contains: word } } })).toBe(0)
  })

  it('refuses without a key (401), a key without the scope (403), another media type (415), a form without the field, an empty body (400), a message without text (422)', async () => {
    const raw = new Uint8Array(mail('ward-bug.eml').raw)
    const error = async (res: Response, status: number) => {
      expect(res.status).toBe(status)
      const body = await res.json()
      expect(body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) })
      return body.error
    }
    await error(await post(raw, 'message/rfc822', null), 401)
    await error(await post(raw, 'message/rfc822', readKey), 403)
    await error(await post(raw, 'application/json'), 415)
    const form = new Request('http://x', { method: 'POST', body: (() => { const f = new FormData(); f.set('to', 'x'); return f })() })
    expect((await error(await post(new Uint8Array(await form.arrayBuffer()), form.headers.get('content-type')!), 400)).fields).toHaveProperty('email')
    await error(await post(new Uint8Array(0)), 400)
    const empty = `From: a@b.example\r\nTo: feedback@wardroom.example\r\nMessage-ID: <${uid('e')}@b>\r\nSubject: \r\n\r\n\r\n`
    expect((await error(await post(empty), 422)).fields).toHaveProperty('description')
  })
})
