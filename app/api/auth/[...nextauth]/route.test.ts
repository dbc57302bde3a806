import { beforeEach, describe, expect, it, vi } from 'vitest'
import { NextRequest } from 'next/server'

const seen: { req?: Request } = {}
vi.mock('next-auth', () => ({
  default: () => async (req: Request) => {
    seen.req = req
    return Response.json({ ok: true })
  },
}))

const { POST } = await import('./route')
const params = (nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) })

describe('POST /api/auth/[...nextauth]', () => {
  beforeEach(() => {
    seen.req = undefined
  })

  it('hands next-auth a NextRequest (it reads req.nextUrl) carrying the body it already read', async () => {
    const res = await POST(
      new Request('http://localhost:3000/api/auth/signout?x=1', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'csrfToken=abc&json=true',
      }),
      params(['signout']),
    )
    expect(res.status).toBe(200)
    expect(seen.req).toBeInstanceOf(NextRequest)
    expect((seen.req as NextRequest).nextUrl.searchParams.get('x')).toBe('1')
    expect(await seen.req!.text()).toBe('csrfToken=abc&json=true')
  })

  it('refuses other media types with 415 before next-auth sees them', async () => {
    const res = await POST(
      new Request('http://localhost:3000/api/auth/signout', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
      params(['signout']),
    )
    expect(res.status).toBe(415)
    expect(seen.req).toBeUndefined()
  })

  it('refuses a declared length over the limit with 413', async () => {
    const res = await POST(
      new Request('http://localhost:3000/api/auth/signout', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(50 * 1024 * 1024) },
        body: 'a=b',
      }),
      params(['signout']),
    )
    expect(res.status).toBe(413)
    expect(seen.req).toBeUndefined()
  })
})
