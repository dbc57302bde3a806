/**
 * Security headers for pages. The Content-Security-Policy carries a fresh nonce per request (proxy.ts):
 * Next reads the nonce back from the request's `Content-Security-Policy` header (script-src's 'nonce-…',
 * next/dist/server/app-render/get-script-nonce-from-header.js) and puts it on every script it renders, so
 * scripts need no 'unsafe-inline'; 'strict-dynamic' lets those scripts load the chunks they import.
 *
 * Styles keep 'unsafe-inline': Tailwind is a stylesheet, but Recharts and a few components set inline
 * `style` attributes, which nonces cannot cover. Injected styles cannot run code; scripts stay strict.
 */
export interface CspOptions {
  nonce: string
  /** `next dev` evaluates modules with eval (React's dev tooling, fast refresh). */
  dev?: boolean
  /** Over https, ask browsers to upgrade any stray http sub-resource. */
  https?: boolean
}

export function buildContentSecurityPolicy({ nonce, dev = false, https = false }: CspOptions): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(https ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
}

/** A nonce of 128 random bits, base64 (what CSP's nonce-source grammar and Next's parser accept). */
export function createNonce(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return btoa(String.fromCharCode(...bytes))
}

/** Whether the page was requested over https: the proxy in front says so, or the public URL is https. */
export function isHttps(forwardedProto: string | null, publicUrl: string | undefined): boolean {
  const proto = forwardedProto?.split(',')[0]?.trim().toLowerCase()
  return proto === 'https' || Boolean(publicUrl?.toLowerCase().startsWith('https:'))
}

/** Headers every page answers with, besides the CSP. HSTS only over https (browsers ignore it on http). */
export function pageSecurityHeaders(https: boolean): Record<string, string> {
  return {
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    // frame-ancestors 'none' in the CSP, and the same for browsers that only know this header.
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}

/** Responses that are never rendered as documents (JSON, CSV, metrics): nothing may load or frame them. */
export const API_CONTENT_SECURITY_POLICY = `default-src 'none'; frame-ancestors 'none'`
