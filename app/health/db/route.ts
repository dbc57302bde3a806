import { defineRoute } from '@/lib/http/route'
import { checkDatabase, healthResponse } from '@/lib/health'

/** The database alone: 200 up, 503 down (with an error code, never the driver's message). */
export const GET = defineRoute({ route: '/health/db', access: { kind: 'public' } }, async () => {
  const database = await checkDatabase()
  const healthy = database.status === 'up'
  return healthResponse({ status: healthy ? 'healthy' : 'unhealthy', timestamp: new Date().toISOString(), database }, healthy)
})
