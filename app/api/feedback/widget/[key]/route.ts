/**
 * The feedback widget's API (public/widget.js), for browsers on a host app's pages. The site key is in the
 * path so a CORS preflight, which carries no custom headers, can be checked against the key's origins.
 * - `OPTIONS`: the preflight. 204 with Access-Control-Allow-Origin for an allowed origin; 403 JSON without
 *   any CORS header otherwise (the browser then refuses the request).
 * - `POST` `{type, description, rating?, context?, flagVariants?, idempotencyKey, browserToken?, identity?}`
 *   → 201 `{id, number, status}` (status: received, or in_review for a merged duplicate); a retry with the same idempotency key → 200 with
 *   the first report. `identity` is the host's signed token (lib/feedback/identity-token.ts): 400 when
 *   malformed, 401 when its signature, expiry or lifetime is wrong.
 *   `screenshot` (a PNG or JPEG data URL, lib/feedback/screenshot-image.ts) only when the key accepts
 *   screenshots (422 `screenshots_not_accepted` otherwise); 413 `screenshot_too_large` over 2 MB decoded,
 *   422 `screenshot_invalid` when it is not the image it says; stored re-encoded, once (a retry stores none).
 * - `GET` with header `X-Wardroom-Browser: <token>` → `{reports: [{number, type, status, excerpt, createdAt}],
 *   screenshots: {accepted, retentionDays}}`: that browser's reports only, and whether the widget may offer
 *   a screenshot.
 * Every request needs an allowed Origin (403 otherwise: servers use an API key on POST /api/feedback) and
 * takes a token per address (before the key is looked up) and per site key (lib/http/rate-limit.ts, class
 * api): 429 with Retry-After. Errors: `{"error":{"code","message","fields"}}`; past the origin check they
 * carry the CORS headers, so the widget can read them.
 */
import { systemActor } from '@/lib/auth/actor'
import { ApiError, badRequest, errorResponse, forbidden, toApiError, unauthorized } from '@/lib/errors'
import { env } from '@/lib/env'
import { submitFeedback } from '@/lib/feedback/commands'
import { prepareScreenshot } from '@/lib/feedback/screenshots'
import { verifyIdentityToken } from '@/lib/feedback/identity-token'
import { BrowserToken, WidgetSubmission } from '@/lib/feedback/site-key-schema'
import { resolveSiteKey, type ActiveSiteKey } from '@/lib/feedback/site-keys'
import { isOriginAllowed, requestOrigin } from '@/lib/feedback/widget-origins'
import { reportsOfBrowser } from '@/lib/feedback/widget-reports'
import { widgetStatusOf } from '@/lib/feedback/widget-status'
import { defineRoute, json, readJson, type RouteContext } from '@/lib/http/route'
import { enforceRateLimit } from '@/lib/http/rate-limit'

const ROUTE = '/api/feedback/widget/[key]'
const BODY_LIMIT = 64 * 1024
/** A key that accepts screenshots takes a 2 MB image as base64 (2.7 MB) and the report around it. */
const BODY_LIMIT_WITH_SCREENSHOT = 3 * 1024 * 1024 + 512 * 1024
const PREFLIGHT_MAX_AGE_S = 600

type Ctx = RouteContext<{ key: string }>

function corsHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, X-Wardroom-Browser',
    'Access-Control-Expose-Headers': 'Retry-After, X-Request-Id',
    'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_S),
    Vary: 'Origin',
  }
}

/**
 * The site key and the request's origin, or 401 (unknown key) / 403 (origin not allowed). The address's
 * token is taken first, so floods of made-up keys are limited before they reach the database.
 */
async function admit({ req, params, ip }: Ctx): Promise<{ key: ActiveSiteKey; origin: string }> {
  enforceRateLimit('api', { address: ip }, ROUTE)
  const key = await resolveSiteKey(params.key ?? '')
  if (!key) throw unauthorized('The site key is unknown or revoked')
  const origin = requestOrigin(req.headers.get('origin'))
  if (!origin || !isOriginAllowed(origin, key.allowedOrigins)) throw forbidden('This origin is not allowed for the site key')
  return { key, origin }
}

/** Runs `handle` for an admitted request; its answer, error or not, carries the CORS headers. */
function withCors(handle: (ctx: Ctx, key: ActiveSiteKey) => Promise<Response>) {
  return async (ctx: Ctx): Promise<Response> => {
    const { key, origin } = await admit(ctx)
    let res: Response
    try {
      enforceRateLimit('api', { apiKeyId: `site:${key.id}` }, ROUTE)
      res = await handle(ctx, key)
    } catch (err) {
      res = errorResponse(toApiError(err, ctx.requestId), ctx.requestId)
    }
    for (const [name, value] of Object.entries(corsHeaders(origin))) res.headers.set(name, value)
    return res
  }
}

/** The reporter's id from the host's signed token: 400 malformed, 401 wrong signature, expired, too long-lived. */
function reporterOf(key: ActiveSiteKey, token: string | undefined): string | undefined {
  if (token === undefined) return undefined
  if (!key.secret) throw new ApiError(401, 'invalid_identity', 'The site key’s secret cannot be read on this server; create a new site key')
  const check = verifyIdentityToken(key.secret, token)
  if (check.ok) return check.userId
  if (check.reason === 'malformed') throw badRequest('The identity token is malformed', { identity: ['Expected v1.<id>.<expiry>.<signature>'] })
  const why = { bad_signature: 'its signature does not match the site key', expired: 'it has expired', too_long_lived: 'it lives longer than a day' }[check.reason]
  throw new ApiError(401, 'invalid_identity', `The identity token is not valid: ${why}`, { identity: [why] })
}

export const OPTIONS = defineRoute<{ key: string }>({ route: ROUTE, access: { kind: 'public' } }, async (ctx) => {
  const { origin } = await admit(ctx)
  return new Response(null, { status: 204, headers: corsHeaders(origin) })
})

export const POST = defineRoute<{ key: string }>(
  { route: ROUTE, access: { kind: 'public' } },
  withCors(async ({ req, requestId, ip }, key) => {
    const body = await readJson(req, WidgetSubmission, { limit: key.acceptScreenshots ? BODY_LIMIT_WITH_SCREENSHOT : BODY_LIMIT })
    const userId = reporterOf(key, body.identity)
    if (body.screenshot !== undefined && !key.acceptScreenshots) {
      throw new ApiError(422, 'screenshots_not_accepted', 'This site key does not accept screenshots; send the report without one', { screenshot: ['Not accepted by this site key'] })
    }
    const screenshot = body.screenshot === undefined ? undefined : await prepareScreenshot(body.screenshot)
    const { result, created } = await submitFeedback(
      // The route admitted the request by its site key and origin; the audit row names the key.
      systemActor(`site-key:${key.name} (${key.publicId})`),
      {
        type: body.type,
        description: body.description,
        rating: body.rating,
        context: body.context,
        flagVariants: body.flagVariants,
        idempotencyKey: body.idempotencyKey,
        reporterToken: body.browserToken,
        userId,
        source: 'in_app',
      },
      { requestId, ip, screenshot },
    )
    return json({ id: result.id, number: result.number, status: widgetStatusOf(result.status) }, { status: created ? 201 : 200, headers: { 'Cache-Control': 'no-store' } })
  }),
)

export const GET = defineRoute<{ key: string }>(
  { route: ROUTE, access: { kind: 'public' } },
  withCors(async ({ req }, key) => {
    const token = BrowserToken.safeParse(req.headers.get('x-wardroom-browser') ?? '')
    if (!token.success) throw badRequest('Send the browser’s token in X-Wardroom-Browser', { 'x-wardroom-browser': [token.error.issues[0]?.message ?? 'Invalid'] })
    const screenshots = { accepted: key.acceptScreenshots, retentionDays: env.FEEDBACK_SCREENSHOT_RETENTION_DAYS }
    return json({ reports: await reportsOfBrowser(token.data), screenshots }, { headers: { 'Cache-Control': 'no-store' } })
  }),
)
