/**
 * GET /ofrep/v1/events?token=… (or an API key with flags:evaluate in the headers): the server-sent event
 * stream of the key's environment's flag changes (lib/flags/change-stream.ts, OpenFeature ADR-0008).
 */
import { apiKeyFromHeaders, verifyApiKey } from '@/lib/auth/api-keys'
import { ApiError, forbidden, unauthorized } from '@/lib/errors'
import { openChangeStream, verifyStreamToken } from '@/lib/flags/change-stream'
import { ofrepErrorBody } from '@/lib/flags/ofrep'
import { defineRoute } from '@/lib/http/route'

export const GET = defineRoute(
  { route: '/ofrep/v1/events', access: { kind: 'public' } },
  async ({ req }) => {
    const token = new URL(req.url).searchParams.get('token')
    const presented = token === null ? apiKeyFromHeaders(req.headers) : null
    if (token === null && presented === null) throw unauthorized('A stream token (from the bulk evaluation’s refreshConnections) or an API key is required')
    const key = token !== null ? await verifyStreamToken(token) : await verifyApiKey(presented!)
    if (!key) throw unauthorized(token !== null ? 'The stream token is invalid, or its API key was revoked or expired' : 'The API key is invalid, revoked or expired')
    if (!key.scopes.includes('flags:evaluate')) throw forbidden('The API key lacks the scope flags:evaluate')
    if (req.headers.get('accept')?.includes('application/json') && !req.headers.get('accept')?.includes('text/event-stream')) {
      throw new ApiError(406, 'not_acceptable', 'This endpoint answers text/event-stream')
    }
    const stream = await openChangeStream(key.environment, req.headers.get('last-event-id'), req.signal)
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        // nginx and similar proxies would buffer the stream otherwise.
        'X-Accel-Buffering': 'no',
        // The stream carries version ids only, and the token is in the URL: any origin may listen.
        'Access-Control-Allow-Origin': '*',
      },
    })
  },
  { errorBody: ofrepErrorBody },
)
