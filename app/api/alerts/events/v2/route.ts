/**
 * PagerDuty Events API v2, so tools that speak it can send to Wardroom unchanged. Like PagerDuty, the
 * route authenticates by the body's `routing_key` (a Wardroom API key with scope alerts:write), not by a
 * header — hence `public` access here and the key check below — and answers in PagerDuty's shapes
 * (lib/incidents/adapters/pagerduty.ts): 202 {status:"success", message:"Event processed", dedup_key},
 * 400 {status:"invalid event", message, errors}. Order: body → routing key → rate limit → event → adapter.
 */
import { actorOfApiKey } from '@/lib/auth/actor'
import { touchApiKey, verifyApiKey } from '@/lib/auth/api-keys'
import { toApiError, zodFields } from '@/lib/errors'
import { countApiKeyRefusal, countApiKeyUse } from '@/lib/http/api-key-usage'
import { defineRoute, json, readBody } from '@/lib/http/route'
import { enforceRateLimit } from '@/lib/http/rate-limit'
import { pagerDutyAccepted, pagerDutyErrorBody, pagerDutyInvalid, processPagerDutyEvent } from '@/lib/incidents/adapters/pagerduty'
import { PagerDutyEvent } from '@/lib/incidents/schema'

const invalidEvent = (errors: string[]) => json(pagerDutyInvalid(errors), { status: 400 })

const ROUTE = '/api/alerts/events/v2'

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
      countApiKeyRefusal(key.id, ip, 'alerts:write')
      return json({ status: 'forbidden', message: 'The routing key lacks the scope alerts:write', errors: ['scope alerts:write required'] }, { status: 403 })
    }
    // Per routing key (the address was limited before the body was read): 429 in PagerDuty's shape below.
    enforceRateLimit('ingest', { apiKeyId: key.id }, ROUTE)
    countApiKeyUse(key.id, ip)
    touchApiKey(key.id)

    const parsed = PagerDutyEvent.safeParse(body)
    if (!parsed.success) {
      return invalidEvent(Object.entries(zodFields(parsed.error)).map(([field, msgs]) => `${field}: ${msgs.join('; ')}`))
    }
    const dedupKey = await processPagerDutyEvent(actorOfApiKey(key), parsed.data, { requestId, ip })
    return json(pagerDutyAccepted(dedupKey), { status: 202 })
  } catch (err) {
    const e = toApiError(err, requestId)
    return json(pagerDutyErrorBody(e), { status: e.status, headers: e.headers })
  }
}, { errorBody: pagerDutyErrorBody })
