/**
 * next-auth's handler, with login throttling in front of the credentials callback: once an account or
 * address has used up its failures in the window, attempts are answered 429 with Retry-After.
 */
import NextAuth from 'next-auth'
import { authOptions, clientIp } from '@/lib/auth/options'
import { loginThrottle } from '@/lib/auth/login'
import { defineRoute } from '@/lib/http/route'
import { errorResponse, tooManyRequests } from '@/lib/http/errors'

const nextAuth = NextAuth(authOptions) as (req: Request, ctx: unknown) => Promise<Response>

export const GET = defineRoute({ route: '/api/auth/[...nextauth]', access: { kind: 'public' } }, async ({ req, params }) =>
  nextAuth(req, { params: Promise.resolve(params) }),
)

export const POST = defineRoute<{ nextauth: string[] }>(
  { route: '/api/auth/[...nextauth]', access: { kind: 'public' } },
  async ({ req, params }) => {
    if (params.nextauth?.join('/') === 'callback/credentials') {
      const form = await req.clone().formData().catch(() => null)
      const email = typeof form?.get('email') === 'string' ? String(form?.get('email')) : ''
      const state = await loginThrottle(email, clientIp(req.headers))
      if (state.throttled) {
        return errorResponse(
          tooManyRequests(state.retryAfterSeconds, 'Too many failed sign-in attempts. Try again later.'),
        )
      }
    }
    return nextAuth(req, { params: Promise.resolve(params) })
  },
)
