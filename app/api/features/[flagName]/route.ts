/** `GET /api/features/:flagName`: state, rollout (stage, next step), rules. Keys see their own environment. */
import { defineRoute, json } from '@/lib/http/route'
import { featureState } from '@/lib/flags/features-api'

export const GET = defineRoute<{ flagName: string }>(
  { route: '/api/features/[flagName]', access: { kind: 'session-or-apikey', permission: 'flag:read', scope: 'read' } },
  async ({ params, principal }) => {
    const environment = principal.kind === 'apikey' ? principal.key.environment : undefined
    return json(await featureState(params.flagName ?? '', environment))
  },
)
