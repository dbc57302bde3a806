/**
 * `GET /api/feedback/items/<item id>/screenshot`: the screenshot attached to a widget report, for triage
 * staff only (a session with feedback:triage; no API key scope reaches it). Each view is audited on the
 * item (`feedback_screenshot.view`). 404 `not_found` when the item has none, `screenshot_expired` once the
 * retention period passed. Never cached, never sniffed as anything but the image it is.
 */
import { z } from 'zod'
import { notFound } from '@/lib/errors'
import { viewScreenshot } from '@/lib/feedback/screenshots'
import { defineRoute } from '@/lib/http/route'

export const GET = defineRoute<{ id: string }>(
  { route: '/api/feedback/items/[id]/screenshot', access: { kind: 'session', permission: 'feedback:triage' } },
  async ({ params, actor, requestId, ip }) => {
    if (!z.uuid().safeParse(params.id).success) throw notFound('No such feedback item')
    const shot = await viewScreenshot(actor, params.id, { requestId, ip })
    return new Response(Buffer.from(shot.bytes), {
      status: 200,
      headers: {
        'Content-Type': shot.type,
        'Content-Length': String(shot.bytes.byteLength),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': 'inline; filename="screenshot"',
        // The image is PHI: no other site may frame or embed it, and it never goes to a referrer.
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Referrer-Policy': 'no-referrer',
      },
    })
  },
)
