/** OFREP provider configuration: polling capability and supported types. */
import { createHash } from 'node:crypto'
import { defineRoute } from '@/lib/http/route'
import { etagMatches, ofrepConfiguration, ofrepErrorBody } from '@/lib/flags/ofrep'

const body = JSON.stringify(ofrepConfiguration())
const etag = `"${createHash('sha1').update(body).digest('base64url')}"`

export const GET = defineRoute(
  { route: '/ofrep/v1/configuration', access: { kind: 'apikey', scope: 'flags:evaluate' } },
  async ({ req }) => {
    if (etagMatches(req.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers: { ETag: etag } })
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json', ETag: etag } })
  },
  { errorBody: ofrepErrorBody },
)
