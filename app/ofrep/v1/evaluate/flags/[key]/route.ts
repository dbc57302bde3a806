/** OFREP single flag evaluation, in the key's environment. Errors in OFREP's shape (lib/flags/ofrep.ts). */
import { defineRoute } from '@/lib/http/route'
import { evaluateSingle, ofrepErrorBody, readOfrepContext } from '@/lib/flags/ofrep'

export const POST = defineRoute<{ key: string }>(
  { route: '/ofrep/v1/evaluate/flags/[key]', access: { kind: 'apikey', scope: 'flags:evaluate' } },
  async ({ req, params, principal }) => {
    const environment = principal.kind === 'apikey' ? principal.key.environment : 'production'
    return evaluateSingle(environment, params.key ?? '', await readOfrepContext(req))
  },
  { errorBody: ofrepErrorBody },
)
