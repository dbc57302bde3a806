import { defineRoute } from '@/lib/http/route'
import { healthReport, healthResponse } from '@/lib/health'

/** Overall health for load balancers and uptime probes: 200 healthy, 503 unhealthy. */
export const GET = defineRoute({ route: '/health', access: { kind: 'public' } }, async () => {
  const report = await healthReport()
  return healthResponse(report, report.status === 'healthy')
})
