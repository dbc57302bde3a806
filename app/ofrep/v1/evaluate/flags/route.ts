/**
 * OFREP bulk evaluation of every flag in the key's environment, with ETag / If-None-Match → 304, and the
 * key's change stream in `refreshConnections` (lib/flags/change-stream.ts).
 */
import { defineRoute } from '@/lib/http/route'
import { publicOrigin, refreshConnectionsFragment } from '@/lib/flags/change-stream'
import { evaluateBulk, ofrepErrorBody, readOfrepContext } from '@/lib/flags/ofrep'

export const POST = defineRoute(
  { route: '/ofrep/v1/evaluate/flags', access: { kind: 'apikey', scope: 'flags:evaluate' } },
  async ({ req, principal }) => {
    if (principal.kind !== 'apikey') return evaluateBulk('production', await readOfrepContext(req), req.headers.get('if-none-match'))
    const refresh = refreshConnectionsFragment(publicOrigin(req), principal.key.id)
    return evaluateBulk(principal.key.environment, await readOfrepContext(req), req.headers.get('if-none-match'), refresh)
  },
  { errorBody: ofrepErrorBody },
)
