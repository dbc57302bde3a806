import type { NextConfig } from 'next'
import { API_CONTENT_SECURITY_POLICY, pageSecurityHeaders } from './lib/http/security-headers'

const nextConfig: NextConfig = {
  // Several builds side by side on one checkout (parallel end-to-end runs): NEXT_DIST_DIR=.next-<name>.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Types are checked once, by `npm run typecheck` (first step of `npm test` and CI) over the whole repo;
  // the build repeating it cost a minute of two cores on every build.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at run time, not bundled (native bindings, worker threads, dynamic requires).
  serverExternalPackages: ['pino', 'prom-client', 'pg', 'pg-copy-streams'],
  poweredByHeader: false,
  experimental: { authInterrupts: true },
  // Pages get these and a per-request nonce CSP (and HSTS over https) from proxy.ts; every other response
  // (route handlers, static files) gets them here, and machine endpoints a CSP that allows nothing.
  async headers() {
    const always = Object.entries(pageSecurityHeaders(false)).map(([key, value]) => ({ key, value }))
    const noContent = [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }]
    // The feedback widget is loaded by other origins' pages: CORS lets them check its SRI hash
    // (crossorigin="anonymous"); cached for a day, so a new release reaches browsers within one
    // (lib/feedback/README.md, "The widget").
    const widget = [
      { key: 'Cache-Control', value: 'public, max-age=86400, stale-while-revalidate=604800' },
      { key: 'Access-Control-Allow-Origin', value: '*' },
      { key: 'Cross-Origin-Resource-Policy', value: 'cross-origin' },
    ]
    return [
      { source: '/:path*', headers: always },
      { source: '/widget.js', headers: widget },
      ...['/api/:path*', '/ofrep/:path*', '/health/:path*', '/metrics'].map((source) => ({ source, headers: noContent })),
    ]
  },
}

export default nextConfig
