/** The matrix and evidence CSV, and evidence rows read back, on small worked examples. */
import { describe, expect, it } from 'vitest'
import { evidenceCsv, matrixCsv, parseEvidenceCsv, MAX_IMPORT_ROWS } from './csv'
import type { MatrixCell } from './matrix'

const lines = (text: string) => text.replace(/^\uFEFF/, '').trimEnd().split('\r\n')

describe('matrixCsv', () => {
  it('writes one row per capability × product with freshness and the threat where they lead', () => {
    const at = new Date('2026-11-01T00:00:00Z')
    const cells: Record<string, MatrixCell> = {
      'us:c1': { status: 'partial', confidence: 'high', evidenceAt: at, version: 1, freshness: 0.754, stale: false, threat: null },
      'them:c1': { status: 'full', confidence: 'medium', evidenceAt: at, version: 2, freshness: 0.25, stale: true, threat: { level: 'high', score: 0.91234, explanation: 'x', lead: 0.5 } },
    }
    const none: MatrixCell = { status: 'unknown', confidence: 'low', evidenceAt: null, version: 0, freshness: 0, stale: true, threat: null }
    const text = matrixCsv({
      capabilities: [{ id: 'c1', key: 'ambient', name: 'Ambient, documentation', group: 'documentation', weight: 5, description: '' }],
      products: [
        { id: 'us', key: 'our_platform', name: 'Our platform', isUs: true } as never,
        { id: 'them', key: 'epic', name: 'Epic', isUs: false } as never,
        { id: 'new', key: 'newco', name: '=Newco', isUs: false } as never,
      ],
      cell: (p, c) => cells[`${p}:${c}`] ?? none,
    })
    expect(lines(text)).toEqual([
      'capability_key,capability,group,weight,product_key,product,is_us,status,confidence,evidence_date,freshness_percent,stale,threat_level,threat_score',
      'ambient,"Ambient, documentation",documentation,5,our_platform,Our platform,true,partial,high,2026-11-01,75,false,,',
      'ambient,"Ambient, documentation",documentation,5,epic,Epic,false,full,medium,2026-11-01,25,true,high,0.912',
      // No evidence: no confidence, date or freshness; a name starting with = is defused.
      "ambient,\"Ambient, documentation\",documentation,5,newco,'=Newco,false,unknown,,,,,,",
    ])
  })
})

describe('evidenceCsv and parseEvidenceCsv', () => {
  it('reads back what the export writes, with the line of each row', () => {
    const text = evidenceCsv([
      { product: 'epic', capability: 'ambient', kind: 'cell', status: 'full', previous: 'partial', confidence: 'high', sourceUrl: 'https://epic.example/notes', sourceTitle: 'Notes, December', observedAt: new Date('2026-12-01T00:00:00Z'), note: '=SUM(A1)\nsecond line', recordedBy: 'Pat PM', recordedAt: new Date('2026-12-02T10:00:00Z') },
      { product: 'epic', capability: null, kind: 'pricing', status: null, previous: null, confidence: 'low', sourceUrl: null, sourceTitle: 'Price list', observedAt: new Date('2026-11-01T00:00:00Z'), note: '', recordedBy: 'x', recordedAt: new Date('2026-11-02T00:00:00Z') },
    ])
    const parsed = parseEvidenceCsv(text)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.rows.map((r) => r.line)).toEqual([3, 4]) // the first row's note spans lines 2–3
    expect(parsed.rows[0]!.record).toMatchObject({ product_key: 'epic', capability_key: 'ambient', status: 'full', confidence: 'high', source_url: 'https://epic.example/notes', source_title: 'Notes, December', observed_at: '2026-12-01', note: '=SUM(A1)\nsecond line' })
    expect(parsed.rows[1]!.record).toMatchObject({ capability_key: '', status: '' })
  })

  it.each([
    ['', 'The file has no rows below its header'],
    ['product_key,capability_key,status\nepic,ambient,full\n', 'The header lacks observed_at'],
    ['product_key,capability_key,status,observed_at\nepic,"ambient,full,2026-01-01\n', 'The file is not valid CSV'],
    ['product_key,capability_key,status,observed_at\nepic,ambient,full\n', 'The file is not valid CSV (line 2)'],
  ])('refuses %j: %s', (text, message) => {
    const parsed = parseEvidenceCsv(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toMatch(new RegExp(`^${message.replace(/[()]/g, '\\$&')}`))
  })

  it('refuses more than the row limit', () => {
    const text = `product_key,capability_key,status,observed_at\n${'a,b,full,2026-01-01\n'.repeat(MAX_IMPORT_ROWS + 1)}`
    expect(parseEvidenceCsv(text)).toEqual({ ok: false, message: `At most ${MAX_IMPORT_ROWS} rows per file (this one has ${MAX_IMPORT_ROWS + 1})` })
  })
})
