/** The roadmap table's CSV: every item with its inputs and scores, in the table's order; readers only; 422 on unknown values. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { actorOfUser } from '@/lib/auth/actor'
import { createItem, moveItem, setScoreInputs } from '@/lib/roadmap/commands'
import { ITEM_CSV_COLUMNS } from '@/lib/roadmap/csv'
import { createUser, request, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { GET } from './route'

const title = `CSV item ${uid()}`
const formula = `=HYPERLINK("x") ${uid()}`
let number = 0
beforeAll(async () => {
  const pm = actorOfUser(await createUser('pm'))
  const item = await createItem(pm, { title, effort: 4, targetQuarter: '2027-Q1', stakeholders: ['clinical_users'] })
  number = item.number
  await setScoreInputs(pm, { id: item.id, version: 1, reach: 400, impact: 2, confidence: 80, moscow: 'should', value: 7, risk: 3, patientSafety: 5, clinicalOutcome: 4, timeSaved: 3, evidenceStrength: 2 })
  const other = await createItem(pm, { title: formula })
  await moveItem(pm, { id: other.id, version: 1, stage: 'archived', position: 0 })
})
afterEach(() => signOut())

const lines = async (res: Response) => (await res.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n')

describe('GET /api/roadmap/items/csv', () => {
  it('gives a reader every item with its inputs and scores', async () => {
    signInAs(await createUser('clinician'))
    const res = await GET(request('/api/roadmap/items/csv?sort=rice&dir=desc'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="wardroom-roadmap-\d{4}-\d{2}-\d{2}\.csv"$/)
    const rows = await lines(res)
    expect(rows[0]).toBe(ITEM_CSV_COLUMNS.join(','))
    expect(rows).toContain(`RM-${number},${title},ideas,,short_term,2027-Q1,4,feature,none,400,2,80,160,should,7,3,5,4,3,2,77,0`)
    // Text that a spreadsheet would run as a formula is defused.
    expect(rows.some((r) => r.includes(`'=HYPERLINK`))).toBe(true)
  })

  it('lists one stage when asked', async () => {
    signInAs(await createUser('viewer'))
    const rows = await lines(await GET(request('/api/roadmap/items/csv?stage=archived')))
    expect(rows.some((r) => r.includes(formula.slice(-11)))).toBe(true)
    expect(rows.some((r) => r.includes(title))).toBe(false)
  })

  it('422s naming the values it does not know', async () => {
    signInAs(await createUser('viewer'))
    const res = await GET(request('/api/roadmap/items/csv?sort=colour&dir=up&stage=moon'))
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: { fields: Record<string, string[]> } }
    expect(Object.keys(body.error.fields).sort()).toEqual(['dir', 'sort', 'stage'])
  })

  it('401s signed out and 403s without roadmap:read', async () => {
    expect((await GET(request('/api/roadmap/items/csv'))).status).toBe(401)
    signInAs(await createUser('safety_officer'))
    expect((await GET(request('/api/roadmap/items/csv'))).status).toBe(403)
  })
})
