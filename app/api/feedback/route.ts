/**
 * The guide's feedback API.
 * - `POST /api/feedback` (an API key with scope feedback:write, or a signed-in person with feedback:submit):
 *   `{"type":"bug","category":"performance","description":"Slow response time","userId":"user123", …}` →
 *   201 `{"id","number","status","priority","priorityReason","category","type","safetyConcern","slaDueAt","duplicateOf"}`.
 *   An idempotency key (body `idempotencyKey` or header `Idempotency-Key`) makes retries safe: the retry
 *   answers 200 with the first result. The description is redacted before it is stored (lib/feedback).
 * - `GET /api/feedback?status=new&priority=high&type=&category=&source=&limit=50&cursor=` (scope read, or
 *   feedback:read): `{"items":[…],"nextCursor"}`, newest first; pass nextCursor as cursor for the next page.
 * Errors: `{"error":{"code","message","fields"}}` with 400/401/403/409/413/415/422.
 */
import { z } from 'zod'
import { unprocessable } from '@/lib/errors'
import { submitFeedback } from '@/lib/feedback/commands'
import { listFeedback } from '@/lib/feedback/queries'
import { defineRoute, json, readJson } from '@/lib/http/route'

const AnyObject = z.record(z.string(), z.unknown())
/** A report is a few kilobytes; a body far larger is not one. */
const FEEDBACK_BODY_LIMIT = 64 * 1024

export const POST = defineRoute(
  { route: '/api/feedback', access: { kind: 'session-or-apikey', permission: 'feedback:submit', scope: 'feedback:write' } },
  async ({ req, actor, requestId, ip }) => {
    const body = await readJson(req, AnyObject, { limit: FEEDBACK_BODY_LIMIT })
    const header = req.headers.get('idempotency-key')?.trim() || undefined
    if (header && body.idempotencyKey !== undefined && body.idempotencyKey !== header) {
      throw unprocessable('The Idempotency-Key header and the body’s idempotencyKey differ', { idempotencyKey: ['Send one key'] })
    }
    const { result, created } = await submitFeedback(actor, { ...body, idempotencyKey: body.idempotencyKey ?? header }, { requestId, ip })
    return json(result, { status: created ? 201 : 200, headers: { 'Cache-Control': 'no-store' } })
  },
)

export const GET = defineRoute(
  { route: '/api/feedback', access: { kind: 'session-or-apikey', permission: 'feedback:read', scope: 'read' } },
  async ({ req, actor }) => {
    const params = Object.fromEntries(new URL(req.url).searchParams)
    return json(await listFeedback(actor, params), { headers: { 'Cache-Control': 'no-store' } })
  },
)
