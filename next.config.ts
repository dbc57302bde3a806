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
    return [
      { source: '/:path*', headers: always },
      ...['/api/:path*', '/ofrep/:path*', '/health/:path*', '/metrics'].map((source) => ({ source, headers: noContent })),
    ]
  },
}

export default nextConfig
