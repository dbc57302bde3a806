import { describe, expect, it } from 'vitest'
import { NextRequest } from 'next/server'
import { proxy } from '@/proxy'
import { buildContentSecurityPolicy, createNonce, isHttps, pageSecurityHeaders } from './security-headers'

const directive = (csp: string, name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? ''

describe('buildContentSecurityPolicy', () => {
  it('allows scripts by nonce only (no unsafe-inline) and forbids framing', () => {
    const csp = buildContentSecurityPolicy({ nonce: 'abc123==' })
    const scripts = directive(csp, 'script-src')
    expect(scripts).toContain(`'nonce-abc123=='`)
    expect(scripts).not.toContain('unsafe-inline')
    expect(scripts).not.toContain('unsafe-eval')
    expect(directive(csp, 'frame-ancestors')).toBe(`frame-ancestors 'none'`)
    expect(directive(csp, 'object-src')).toBe(`object-src 'none'`)
    expect(csp).not.toContain('upgrade-insecure-requests')
  })

  it('adds eval only for next dev and upgrade-insecure-requests only over https', () => {
    expect(directive(buildContentSecurityPolicy({ nonce: 'n', dev: true }), 'script-src')).toContain(`'unsafe-eval'`)
    expect(buildContentSecurityPolicy({ nonce: 'n', https: true })).toContain('upgrade-insecure-requests')
  })

  it('creates a fresh nonce each time in the form Next reads back', () => {
    const a = createNonce()
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(createNonce()).not.toBe(a)
  })
})

describe('pageSecurityHeaders', () => {
  it('sends HSTS over https only', () => {
    expect(pageSecurityHeaders(true)['Strict-Transport-Security']).toMatch(/^max-age=\d{7,}/)
    expect(pageSecurityHeaders(false)['Strict-Transport-Security']).toBeUndefined()
    expect(pageSecurityHeaders(false)).toMatchObject({ 'Referrer-Policy': 'same-origin', 'X-Frame-Options': 'DENY' })
    expect(pageSecurityHeaders(false)['Permissions-Policy']).toContain('camera=()')
  })

  it.each([
    ['https', undefined, true],
    ['https, http', undefined, true],
    ['http', undefined, false],
    [null, 'https://wardroom.example.org', true],
    [null, 'http://localhost:3000', false],
  ])('isHttps(%j, %j) is %s', (proto, url, expected) => {
    expect(isHttps(proto, url)).toBe(expected)
  })
})

describe('proxy', () => {
  it('answers a page with a nonce CSP and hands the same policy to the renderer on the request', () => {
    const res = proxy(new NextRequest('http://localhost:3000/incidents', { headers: { 'x-forwarded-proto': 'https' } }))
    const csp = res.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(directive(csp, 'script-src'))?.[1]
    expect(nonce).toBeTruthy()
    expect(directive(csp, 'script-src')).not.toContain('unsafe-inline')
    expect(directive(csp, 'frame-ancestors')).toBe(`frame-ancestors 'none'`)
    expect(res.headers.get('strict-transport-security')).toContain('max-age=')
    expect(res.headers.get('referrer-policy')).toBe('same-origin')
    expect(res.headers.get('permissions-policy')).toContain('geolocation=()')
    // NextResponse.next({ request: { headers } }) passes overridden request headers this way.
    expect(res.headers.get('x-middleware-request-content-security-policy')).toBe(csp)
    expect(res.headers.get('x-middleware-request-x-nonce')).toBe(nonce)
  })

  it('uses a different nonce for each request', () => {
    const a = proxy(new NextRequest('http://localhost:3000/')).headers.get('content-security-policy')
    const b = proxy(new NextRequest('http://localhost:3000/')).headers.get('content-security-policy')
    expect(a).not.toBe(b)
  })
})
