/**
 * next-auth's handler, with three guards in front of it. Bodies are read within BODY_LIMIT_BYTES (413), like
 * the APIs. The credentials callback is refused 429 with Retry-After once the account or the address has
 * used up its failures in the window (authenticate re-checks atomically before hashing), and 503 with
 * Retry-After when as many password hashes as LOGIN_HASH_CONCURRENCY allows are already running.
 */
import NextAuth from 'next-auth'
import { NextRequest } from 'next/server'
import { authOptions } from '@/lib/auth/options'
import { loginThrottle } from '@/lib/auth/login'
import { LOGIN_BUSY_RETRY_SECONDS, loginHashGate } from '@/lib/auth/hash-gate'
import { clientIp } from '@/lib/client-ip'
import { defineRoute, readBody } from '@/lib/http/route'
import { serviceUnavailable, tooManyRequests } from '@/lib/errors'

const nextAuth = NextAuth(authOptions) as (req: Request, ctx: unknown) => Promise<Response>

// What next-auth reads (getBody: form or JSON); other types are refused 415 before it parses anything.
const BODY_TYPES = ['application/x-www-form-urlencoded', 'application/json', '']

/** The e-mail a credentials sign-in names, as next-auth will read it ('' when there is none). */
function emailOf(contentType: string | null, text: string): string {
  if (contentType?.includes('application/json')) {
    try {
      const body: unknown = JSON.parse(text)
      const email = body && typeof body === 'object' ? (body as { email?: unknown }).email : undefined
      return typeof email === 'string' ? email : ''
    } catch {
      return ''
    }
  }
  return new URLSearchParams(text).get('email') ?? ''
}

export const GET = defineRoute({ route: '/api/auth/[...nextauth]', access: { kind: 'public' } }, async ({ req, params }) =>
  nextAuth(req, { params: Promise.resolve(params) }),
)

export const POST = defineRoute<{ nextauth: string[] }>(
  { route: '/api/auth/[...nextauth]', access: { kind: 'public' } },
  async ({ req, params }) => {
    const text = await readBody(req, { types: BODY_TYPES })
    // next-auth reads the body itself (and req.nextUrl): hand it a NextRequest whose body is already read.
    const bounded = new NextRequest(req.url, { method: req.method, headers: req.headers, body: text })
    if (params.nextauth?.join('/') !== 'callback/credentials') return nextAuth(bounded, { params: Promise.resolve(params) })

    const email = emailOf(req.headers.get('content-type'), text)
    const state = await loginThrottle(email, clientIp(req.headers))
    if (state.throttled) throw tooManyRequests(state.retryAfterSeconds, 'Too many failed sign-in attempts. Try again later.')

    const release = await loginHashGate.acquire()
    if (!release) throw serviceUnavailable('Too many sign-ins at once; try again in a few seconds.', LOGIN_BUSY_RETRY_SECONDS)
    try {
      return await nextAuth(bounded, { params: Promise.resolve(params) })
    } finally {
      release()
    }
  },
)
