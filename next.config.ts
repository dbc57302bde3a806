import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time, not bundled (native bindings, worker threads, dynamic requires).
  serverExternalPackages: ['pino', 'prom-client', 'pg'],
  poweredByHeader: false,
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ]
  },
}

export default nextConfig
