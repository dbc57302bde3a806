/**
 * PagerDuty Events API v2, so tools that speak it can send to Wardroom unchanged. Like PagerDuty, the
 * route authenticates by the body's `routing_key` (a Wardroom API key with scope alerts:write), not by a
 * header — hence `public` access here and the key check below — and answers in PagerDuty's shapes:
 * 202 {status:"success", message:"Event processed", dedup_key}, 400 {status:"invalid event", message, errors}.
 */
import { actorOfApiKey } from '@/lib/auth/actor'
import { touchApiKey, verifyApiKey } from '@/lib/auth/api-keys'
import { ApiError, toApiError, zodFields } from '@/lib/errors'
import { defineRoute, json, readBody } from '@/lib/http/route'
import { enforceRateLimit } from '@/lib/http/rate-limit'
import { acknowledgeByKey, ingestAlert, normalizePagerDutyTrigger, resolveAlertsByKey } from '@/lib/incidents/ingest'
import { matchServiceKey } from '@/lib/incidents/queries'
import { PagerDutyEvent } from '@/lib/incidents/schema'

const invalidEvent = (errors: string[]) =>
  json({ status: 'invalid event', message: 'Event object is invalid', errors }, { status: 400 })

const ROUTE = '/api/alerts/events/v2'

function pagerDutyErrorBody(err: ApiError) {
  const status =
    err.status === 401
      ? 'unauthorized'
      : err.status === 403
        ? 'forbidden'
        : err.status === 429
          ? 'throttle exceeded'
          : err.status < 500
            ? 'invalid event'
            : 'error'
  return { status, message: err.message, errors: [err.message] }
}

function pagerDutyError(err: ApiError): Response {
  return json(pagerDutyErrorBody(err), { status: err.status, headers: err.headers })
}

export const POST = defineRoute({ route: ROUTE, access: { kind: 'public' } }, async ({ req, requestId, ip }) => {
  try {
    const text = await readBody(req)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return invalidEvent(['Request body is not valid JSON'])
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return invalidEvent(['Event must be a JSON object'])

    const routingKey = (body as { routing_key?: unknown }).routing_key
    if (typeof routingKey !== 'string' || !routingKey.trim()) return invalidEvent(["'routing_key' is missing or blank"])
    const key = await verifyApiKey(routingKey.trim())
    if (!key) return json({ status: 'unauthorized', message: 'Invalid routing key', errors: ["'routing_key' is not a valid API key"] }, { status: 401 })
    if (!key.scopes.includes('alerts:write')) {
      return json({ status: 'forbidden', message: 'The routing key lacks the scope alerts:write', errors: ['scope alerts:write required'] }, { status: 403 })
    }
    // Per routing key (the address was limited before the body was read): 429 in PagerDuty's shape below.
    enforceRateLimit('ingest', { apiKeyId: key.id }, ROUTE)
    touchApiKey(key.id)
    const actor = actorOfApiKey(key)

    const parsed = PagerDutyEvent.safeParse(body)
    if (!parsed.success) {
      return invalidEvent(Object.entries(zodFields(parsed.error)).map(([field, msgs]) => `${field}: ${msgs.join('; ')}`))
    }
    const event = parsed.data
    const ctx = { requestId, ip }

    if (event.event_action === 'trigger') {
      const p = event.payload!
      const serviceKey = await matchServiceKey([p.component, p.group, p.source])
      const result = await ingestAlert(normalizePagerDutyTrigger(event, serviceKey), actor, ctx)
      // The sender's own key when it gave one (stored hashed if it looked like PHI), else the one Wardroom made.
      return json({ status: 'success', message: 'Event processed', dedup_key: event.dedup_key ?? result.dedupKey }, { status: 202 })
    }
    const dedupKey = event.dedup_key!
    if (event.event_action === 'acknowledge') await acknowledgeByKey(dedupKey, actor, ctx)
    else await resolveAlertsByKey(dedupKey, actor, new Date(), { force: true, source: 'pagerduty', requestId, ip })
    return json({ status: 'success', message: 'Event processed', dedup_key: dedupKey }, { status: 202 })
  } catch (err) {
    return pagerDutyError(toApiError(err, requestId))
  }
}, { errorBody: pagerDutyErrorBody })

