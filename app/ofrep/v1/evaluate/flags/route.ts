/** OFREP bulk evaluation of every flag in the key's environment, with ETag / If-None-Match → 304. */
import { defineRoute } from '@/lib/http/route'
import { evaluateBulk, ofrepErrorBody, readOfrepContext } from '@/lib/flags/ofrep'

export const POST = defineRoute(
  { route: '/ofrep/v1/evaluate/flags', access: { kind: 'apikey', scope: 'flags:evaluate' } },
  async ({ req, principal }) => {
    const environment = principal.kind === 'apikey' ? principal.key.environment : 'production'
    return evaluateBulk(environment, await readOfrepContext(req), req.headers.get('if-none-match'))
  },
  { errorBody: ofrepErrorBody },
)
