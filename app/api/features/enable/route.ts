/**
 * The operations guide's `POST /api/features/enable {"flag","percentage","targetUsers"}` (scope flags:write),
 * in the key's environment: defineRoute (the key: valid, not revoked, scope) → readJson → enableFeature with
 * the key as actor (authorize: flags:write in its own environment; gates). Gates apply: 403 naming a missing
 * compliance record; a gated production change is never applied by a key alone — it is filed as a change
 * request in the name of the key's owner and answered 409 (four_eyes, the request named in
 * `fields.changeRequestId`), for a second person to approve in the cockpit.
 */
import { defineRoute, json, readJson } from '@/lib/http/route'
import { enableFeature } from '@/lib/flags/commands/rollouts'
import { featureState } from '@/lib/flags/features-api'
import { approvalRequired } from '@/lib/flags/errors'
import { EnableInput } from '@/lib/flags/schema'
import { forbidden } from '@/lib/errors'

export const POST = defineRoute(
  { route: '/api/features/enable', access: { kind: 'apikey', scope: 'flags:write' } },
  async ({ req, actor, requestId, ip }) => {
    // Access 'apikey' admits nothing else; said again so no other actor can reach the write.
    if (actor.type !== 'apikey') throw forbidden('An API key with the scope flags:write is required')
    const input = await readJson(req, EnableInput)
    const outcome = await enableFeature(actor, input, actor.environment, { requestId, ip })
    if (!outcome.applied) throw approvalRequired(input.flag, outcome.changeRequestId ?? '')
    return json(await featureState(input.flag, actor.environment))
  },
)
