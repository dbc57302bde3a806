import { timingSafeEqual } from 'node:crypto'
import { env } from '@/lib/env'
import { ApiError } from '@/lib/errors'
import { defineRoute } from '@/lib/http/route'
import { metrics } from '@/lib/metrics'

function requireMetricsToken(req: Request): void {
  const token = env.METRICS_TOKEN
  if (!token) return
  const presented = (req.headers.get('authorization') ?? '').replace(/^bearer\s+/i, '')
  const a = Buffer.from(presented)
  const b = Buffer.from(token)
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new ApiError(401, 'unauthorized', 'A valid metrics token is required (Authorization: Bearer <METRICS_TOKEN>)', undefined, {
      'WWW-Authenticate': 'Bearer realm="wardroom-metrics"',
    })
  }
}

/** Prometheus exposition; protected by METRICS_TOKEN when it is set. Labels never hold user data. */
export const GET = defineRoute({ route: '/metrics', access: { kind: 'public' } }, async ({ req }) => {
  requireMetricsToken(req)
  return new Response(await metrics.registry.metrics(), {
    headers: { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' },
  })
})
