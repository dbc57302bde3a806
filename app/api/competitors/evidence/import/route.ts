/**
 * `POST /api/competitors/evidence/import` (a session with competitor:edit), body `text/csv`: cell evidence
 * rows in the export's columns (product_key, capability_key, status, observed_at required; confidence,
 * source_url, source_title, note optional). Each row is validated and recorded on its own; the answer
 * reports the rows imported and each refused row with its line. 422 when the file itself cannot be read.
 */
import { defineRoute, json, readBody } from '@/lib/http/route'
import { importEvidenceCsv } from '@/lib/competitors/csv-import'

export const POST = defineRoute({ route: '/api/competitors/evidence/import', access: { kind: 'session', permission: 'competitor:edit' } }, async ({ req, actor, requestId, ip }) => {
  const text = await readBody(req, { types: ['text/csv', 'text/plain', 'application/csv'] })
  return json(await importEvidenceCsv(actor, text, { requestId, ip }))
})
