/** The competitor CSV routes: matrix and evidence export for readers, evidence import for editors (per-row report by line), refusals in the one error shape. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { seedCompetitors } from '@/lib/seed/competitors'
import { createUser, request, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { POST as importEvidence } from './route'
import { GET as evidenceCsv } from '../csv/route'
import { GET as matrixCsv } from '../../matrix/csv/route'

beforeAll(async () => {
  await seedCompetitors()
})
afterEach(() => signOut())

const text = async (res: Response) => (await res.text()).replace(/^\uFEFF/, '')
const csvPost = (raw: string, type = 'text/csv') => importEvidence(request('/api/competitors/evidence/import', { method: 'POST', raw, headers: { 'content-type': type } }))

describe('GET /api/competitors/matrix/csv and /evidence/csv', () => {
  it('give a reader the matrix, one row per capability × product, and the evidence', async () => {
    signInAs(await createUser('viewer'))
    const res = await matrixCsv(request('/api/competitors/matrix/csv'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const rows = (await text(res)).trimEnd().split('\r\n')
    expect(rows[0]).toBe('capability_key,capability,group,weight,product_key,product,is_us,status,confidence,evidence_date,freshness_percent,stale,threat_level,threat_score')
    const [products, capabilities] = await Promise.all([db.competitor.count({ where: { archivedAt: null } }), db.capability.count()])
    expect(rows).toHaveLength(1 + products * capabilities)
    expect(rows.find((r) => r.startsWith('ambient_documentation,') && r.includes(',epic_systems,'))).toMatch(/,full,high,\d{4}-\d{2}-\d{2},\d+,false,high,[\d.]+$/)

    const ev = await evidenceCsv(request('/api/competitors/evidence/csv'))
    expect(ev.status).toBe(200)
    const evRows = (await text(ev)).split('\r\n')
    expect(evRows[0]).toBe('product_key,capability_key,kind,status,previous,confidence,source_url,source_title,observed_at,note,recorded_by,recorded_at')
    expect(evRows.some((r) => r.startsWith('epic_systems,ambient_documentation,cell,full,partial,'))).toBe(true)
  })

  it('401 without a session', async () => {
    const res = await matrixCsv(request('/api/competitors/matrix/csv'))
    expect(res.status).toBe(401)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized')
  })
})

describe('POST /api/competitors/evidence/import', () => {
  it('records each valid row through the evidence command and reports the others by line', async () => {
    signInAs(await createUser('pm'))
    const key = uid('rival').replace(/-/g, '_')
    const rival = await db.competitor.create({ data: { key, name: `Rival ${key}` } })
    const csv = [
      'product_key,capability_key,status,confidence,source_url,source_title,observed_at,note',
      `${key},cds_hooks,full,high,https://rival.example/cds,CDS page,2026-11-20,Seen at a demo by Dr John Smith`,
      `${key},no_such_capability,full,high,https://rival.example/x,,2026-11-20,`,
      `${key},fhir_r4_api,sometimes,high,https://rival.example/fhir,,2026-11-20,`,
      `${key},fhir_r4_api,partial,,,,2099-01-01,`,
      `${key},cds_hooks,partial,low,https://rival.example/old,Old page,2025-01-01,`,
    ].join('\n')
    const res = await csvPost(csv)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { rows: number; imported: number; applied: number; failed: number; errors: { line: number; message: string; fields?: Record<string, string[]> }[] }
    expect(body).toMatchObject({ rows: 5, imported: 2, applied: 1, failed: 3 })
    expect(body.errors.map((e) => e.line)).toEqual([3, 4, 5])
    expect(body.errors[0]!.fields).toHaveProperty('capability_key')
    expect(body.errors[1]!.fields).toHaveProperty('status')
    expect(Object.keys(body.errors[2]!.fields ?? {})).toEqual(expect.arrayContaining(['sourceUrl', 'observedAt']))

    const cds = await db.capability.findUniqueOrThrow({ where: { key: 'cds_hooks' } })
    // The newer row set the cell; the older one (line 6) joined the history only.
    expect(await db.capabilityCell.findUniqueOrThrow({ where: { competitorId_capabilityId: { competitorId: rival.id, capabilityId: cds.id } } })).toMatchObject({ status: 'full', confidence: 'high', version: 2 })
    const notes = (await db.competitorEvidence.findMany({ where: { competitorId: rival.id } })).map((e) => e.note)
    expect(notes).toHaveLength(2)
    expect(notes.join()).not.toContain('John Smith')
    expect(await db.auditLog.findFirst({ where: { action: 'competitor.evidence.import' }, orderBy: { id: 'desc' } })).toMatchObject({ summary: { rows: 5, imported: 2, failed: 3 } })
  })

  it('422 for a file it cannot read, 415 for another media type, 403 for a viewer', async () => {
    signInAs(await createUser('pm'))
    const bad = await csvPost('product_key,status\nepic,full\n')
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { error: { code: string; message: string; fields: Record<string, string[]> } }).error).toMatchObject({ code: 'invalid', message: 'The header lacks capability_key, observed_at', fields: { file: expect.any(Array) } })
    expect((await csvPost('{}', 'application/json')).status).toBe(415)
    signInAs(await createUser('viewer'))
    expect((await csvPost('product_key,capability_key,status,observed_at\n')).status).toBe(403)
  })
})
