/**
 * Next 16's proxy (formerly middleware): gives every page a Content-Security-Policy with a fresh nonce and
 * the other security headers (lib/http/security-headers.ts). The CSP is set on the request too, which is
 * where Next looks for the nonce to stamp on the scripts it renders. Route handlers (machine APIs, health,
 * metrics) and static files are not matched: they serve no HTML, and next.config.ts gives them the static
 * headers. Authorisation is not done here; pages and actions check it where the data is touched.
 */
import { NextResponse, type NextRequest } from 'next/server'
import { env } from './lib/env'
import { PATHNAME_HEADER } from './lib/page-access'
import { buildContentSecurityPolicy, createNonce, isHttps, pageSecurityHeaders } from './lib/http/security-headers'

export function proxy(request: NextRequest): NextResponse {
  const nonce = createNonce()
  const https = isHttps(request.headers.get('x-forwarded-proto'), env.NEXTAUTH_URL)
  const csp = buildContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development', https })

  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', csp)
  // The cockpit layout checks the page's permission and record from it, before any loading UI streams.
  requestHeaders.set(PATHNAME_HEADER, request.nextUrl.pathname)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('Content-Security-Policy', csp)
  for (const [name, value] of Object.entries(pageSecurityHeaders(https))) response.headers.set(name, value)
  return response
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|ofrep/|health|metrics|_next/static|_next/image|favicon\\.ico|icon\\.svg|manifest\\.webmanifest|robots\\.txt|widget\\.js).*)',
    },
  ],
}
