import { describe, expect, it } from 'vitest'
import { RAW_BODY, rawJson, rawResponse } from './route'

describe('rawResponse', () => {
  it('keeps its string for the production server and reads like the plain Response of it', async () => {
    const r = rawResponse('{"flags":[]}', { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"v1"' } })
    expect((r as Response & { [RAW_BODY]?: string })[RAW_BODY]).toBe('{"flags":[]}')
    expect(r.status).toBe(200)
    expect(r.headers.get('etag')).toBe('"v1"')
    expect(r.bodyUsed).toBe(false)
    expect(await r.clone().text()).toBe('{"flags":[]}')
    expect(await r.json()).toEqual({ flags: [] })
    expect(r.bodyUsed).toBe(true)
    await expect(r.text()).rejects.toThrow() // read once, as any Response
  })

  it('gives a stream to whoever asks for the body (Next sends it that way)', async () => {
    const r = rawJson({ accepted: 3 }, { status: 202 })
    expect(r.headers.get('content-type')).toBe('application/json')
    const chunks: Uint8Array[] = []
    for await (const c of r.body as unknown as AsyncIterable<Uint8Array>) chunks.push(c)
    expect(Buffer.concat(chunks).toString()).toBe('{"accepted":3}')
    expect(await new Response(rawResponse('abc', { status: 200 }).body).text()).toBe('abc')
  })

  it('has no body when made without one (304, 204)', async () => {
    const r = rawResponse(null, { status: 304, headers: { ETag: '"v1"' } })
    expect(r.body).toBeNull()
    expect(await r.text()).toBe('')
    expect((r as Response & { [RAW_BODY]?: string | null })[RAW_BODY]).toBeNull()
  })
})
