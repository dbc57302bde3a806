import { randomUUID } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey, createUser, request, routeParams } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { systemActor } from '@/lib/auth/actor'
import { generateReport } from '@/lib/slo/commands'
import { REPORT_CSV_COLUMNS } from '@/lib/slo/report-csv'
import type { PeriodFigure } from '@/lib/slo/types'
import { GET } from './route'

const figure: PeriodFigure = {
  key: 'csv_route_slo',
  name: 'Triage response, "fast" lane',
  service: 'ai-engine',
  workflow: 'emergency_triage',
  target: 0.99,
  budgeting: 'occurrences',
  good: 995,
  total: 1000,
  compliance: 0.995,
  budgetUsed: 0.5,
  violations: 0,
  incidents: 0,
  mttrMinutes: null,
}

let reportId: string
beforeAll(async () => {
  const { report } = await generateReport(systemActor(), 'daily', new Date('2021-07-04T00:00:00Z'), new Date('2021-07-05T00:00:00Z'), 'UTC', { figures: async () => [figure] })
  reportId = report.id
})
afterEach(() => signOut())

const call = (id: string, headers: Record<string, string> = {}) => GET(request(`/api/slo/reports/${id}/csv`, { headers }), routeParams({ id }))

describe('GET /api/slo/reports/[id]/csv', () => {
  it('answers a reader with the report as a CSV attachment', async () => {
    signInAs(await createUser('executive'))
    const res = await call(reportId)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="wardroom-sla-daily-2021-07-04.csv"')
    expect(res.headers.get('cache-control')).toContain('no-store')
    const body = (await res.text()).replace(/^\uFEFF/, '')
    const [header, row, end] = body.split('\r\n')
    expect(header).toBe(REPORT_CSV_COLUMNS.join(','))
    expect(row).toContain('csv_route_slo,"Triage response, ""fast"" lane",ai-engine,emergency_triage,99,99.5,995,1000,true,50,')
    expect(end).toBe('')
  })

  it('answers an API key with the read scope', async () => {
    const { key } = await createApiKey(['read'])
    const res = await call(reportId, { authorization: `Bearer ${key}` })
    expect(res.status).toBe(200)
  })

  it('404s in JSON for an unknown or malformed id', async () => {
    signInAs(await createUser('viewer'))
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const res = await call(id)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toContain('application/json')
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } })
    }
  })

  it('401s signed out and 403s without report:read or the read scope', async () => {
    expect((await call(reportId)).status).toBe(401)
    signInAs(await createUser('clinician'))
    expect((await call(reportId)).status).toBe(403)
    signOut()
    const { key } = await createApiKey(['sli:write'])
    expect((await call(reportId, { authorization: `Bearer ${key}` })).status).toBe(403)
  })
})
