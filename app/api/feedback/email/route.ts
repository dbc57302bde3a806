/**
 * E-mail intake (lib/feedback/email.ts): `POST /api/feedback/email`, called by a mail provider's inbound
 * webhook or a relay, with an API key of scope feedback:write (Bearer, X-API-Key, or HTTP Basic with the
 * key as user name, which providers can put in the webhook address). Body: the raw message
 * (`message/rfc822`, also taken as `text/plain` or `application/octet-stream`), or `multipart/form-data`
 * with the raw message in the field `email` (SendGrid Inbound Parse with "POST the raw, full MIME message").
 * Answers as `POST /api/feedback`: 201 with the item (200 with the first one for a retried Message-ID);
 * 202 `{"ignored":true,"reason"}` for an automatic reply (so the provider does not retry it); 4xx JSON
 * errors (413 over 5 MB, 415, 422 for a message without text).
 */
import { badRequest } from '@/lib/errors'
import { submitFeedback } from '@/lib/feedback/commands'
import { readFeedbackEmail } from '@/lib/feedback/email'
import { defineRoute, json, readBodyBytes } from '@/lib/http/route'

const EMAIL_LIMIT = 5 * 1024 * 1024
const RAW_TYPES = ['message/rfc822', 'text/plain', 'application/octet-stream']

async function rawMessage(req: Request): Promise<Buffer> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'multipart/form-data') return readBodyBytes(req, { limit: EMAIL_LIMIT, types: RAW_TYPES })
  const bytes = await readBodyBytes(req, { limit: EMAIL_LIMIT, types: ['multipart/form-data'] })
  let form: FormData
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': req.headers.get('content-type')! } }).formData()
  } catch {
    throw badRequest('The form body could not be read')
  }
  const field = form.get('email')
  if (field === null) throw badRequest('The form has no field "email" with the raw message', { email: ['Required'] })
  return typeof field === 'string' ? Buffer.from(field, 'utf8') : Buffer.from(await field.arrayBuffer())
}

export const POST = defineRoute({ route: '/api/feedback/email', access: { kind: 'apikey', scope: 'feedback:write' } }, async ({ req, actor, requestId, ip }) => {
  const raw = await rawMessage(req)
  if (raw.length === 0) throw badRequest('The body is empty: send the raw message')
  const intake = await readFeedbackEmail(raw)
  if (intake.kind === 'ignored') return json({ ignored: true, reason: intake.reason }, { status: 202 })
  const { result, created } = await submitFeedback(actor, intake.input, { requestId, ip })
  return json(result, { status: created ? 201 : 200, headers: { 'Cache-Control': 'no-store' } })
})
