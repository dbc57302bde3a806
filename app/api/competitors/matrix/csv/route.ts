/**
 * `GET /api/competitors/matrix/csv` (a session with competitor:read): the matrix as CSV, one row per
 * capability × product with status, confidence, evidence date, freshness and — where a competitor leads
 * us — the threat level and score.
 */
import { csvResponse } from '@/lib/csv'
import { defineRoute } from '@/lib/http/route'
import { matrixCsv } from '@/lib/competitors/csv'
import { readMatrix } from '@/lib/competitors/matrix'

export const GET = defineRoute({ route: '/api/competitors/matrix/csv', access: { kind: 'session', permission: 'competitor:read' } }, async () => {
  const now = new Date()
  return csvResponse(`wardroom-competitor-matrix-${now.toISOString().slice(0, 10)}.csv`, matrixCsv(await readMatrix(now)))
})
