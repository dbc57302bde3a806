/**
 * `GET /api/competitors/evidence/csv` (a session with competitor:read): every piece of competitor
 * evidence, newest source first, in the columns the import reads back (product_key, capability_key, …).
 */
import { csvResponse } from '@/lib/csv'
import { defineRoute } from '@/lib/http/route'
import { evidenceCsv } from '@/lib/competitors/csv'
import { listEvidenceForExport } from '@/lib/competitors/watch-queries'

export const GET = defineRoute({ route: '/api/competitors/evidence/csv', access: { kind: 'session', permission: 'competitor:read' } }, async () => {
  const rows = await listEvidenceForExport()
  return csvResponse(`wardroom-competitor-evidence-${new Date().toISOString().slice(0, 10)}.csv`, evidenceCsv(rows))
})
