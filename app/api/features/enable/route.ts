/**
 * The operations guide's `POST /api/features/enable {"flag","percentage","targetUsers"}` (scope flags:write),
 * in the key's environment. Gates apply: 403 naming a missing compliance record; 409 when the change needs a
 * second person's approval (the change request is filed and named in `fields.changeRequestId`).
 */
import { defineRoute, json, readJson } from '@/lib/http/route'
import { enableFeature } from '@/lib/flags/service'
import { featureState } from '@/lib/flags/features-api'
import { approvalRequired } from '@/lib/flags/mutation'
import { EnableInput } from '@/lib/flags/schema'

export const POST = defineRoute(
  { route: '/api/features/enable', access: { kind: 'apikey', scope: 'flags:write' } },
  async ({ req, principal, actor, requestId, ip }) => {
    const input = await readJson(req, EnableInput)
    const environment = principal.kind === 'apikey' ? principal.key.environment : 'production'
    const outcome = await enableFeature(input, environment, actor, undefined, { requestId, ip })
    if (!outcome.applied) throw approvalRequired(input.flag, outcome.changeRequestId ?? '')
    return json(await featureState(input.flag, environment))
  },
)
