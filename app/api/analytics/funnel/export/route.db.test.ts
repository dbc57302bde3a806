/**
 * GET /api/analytics/funnel/export: each table of the funnel page as CSV, on a hand-made day where one
 * ward's last step, one ward and one drop-off are too small to show; and bad input in the JSON error shape.
 *
 *   ward     started  reviewed  signed
 *   A             20        16      12
 *   B             14        12       5   (signed < 11: suppressed)
 *   C              6         4       2   (< 11 started: hidden)
 *   everyone      40        32      19   (8 lost at step 2: suppressed; 13 lost at step 3)
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '@/lib/auth/actor'
import { getPool } from '@/lib/db'
import { saveWorkflow } from '@/lib/analytics/workflows'
import { createApiKey, request, uid } from '@/test/factories'
import { GET } from './route'

const FROM = '2030-04-08T00:00:00.000Z'
const TO = '2030-04-09T00:00:00.000Z'
const MIN = 60_000
const WARDS = [
  ['A', [20, 16, 12]],
  ['B', [14, 12, 5]],
  ['C', [6, 4, 2]],
] as const
let readKey: string
let writeKey: string
let prefix: string
let ward: (w: string) => string

beforeAll(async () => {
  readKey = (await createApiKey(['read'])).key
  writeKey = (await createApiKey(['events:write'])).key
  prefix = uid('fx').replace(/-/g, '_')
  ward = (w) => `Ward ${w} ${prefix}`
  await saveWorkflow(systemActor(), {
    key: `w_${prefix}`,
    name: 'Export test',
    conversionWindowMs: 3_600_000,
    steps: [
      { event: `${prefix}_open`, filters: {}, label: 'Opened' },
      { event: `${prefix}_review`, filters: {} },
      { event: `${prefix}_sign`, filters: {} },
    ],
  })
  await getPool().query(`SELECT analytics_create_partition('2030-04-01')`)
  const events: [string, string, string, string][] = []
  const sessions: [string, string, string, number][] = []
  let n = 0
  for (const [name, counts] of WARDS) {
    for (let i = 0; i < counts[0]; i++, n++) {
      // Told apart in their first characters, as real pseudonyms are (the list shows the first eight).
      const user = `u_${String(n).padStart(3, '0')}_${prefix}`
      const at = (m: number) => new Date(Date.parse(FROM) + (n * 20 + m) * MIN).toISOString()
      const reached = counts.filter((c) => i < c).length
      ;[`${prefix}_open`, `${prefix}_review`, `${prefix}_sign`].slice(0, reached).forEach((e, s) => events.push([user, e, at(s * 4), ward(name)]))
      sessions.push([user, at(0), at((reached - 1) * 4), reached])
    }
  }
  await getPool().query(
    `INSERT INTO "AnalyticsEvent" ("userKey", event, "occurredAt", type, department) SELECT u, e, t, 'track', d FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) AS x(u, e, t, d)`,
    [events.map((r) => r[0]), events.map((r) => r[1]), events.map((r) => r[2]), events.map((r) => r[3])],
  )
  await getPool().query(
    `INSERT INTO "AnalyticsSession" ("userKey", "startedAt", "endedAt", "eventCount") SELECT u, f, t, c FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[]) AS x(u, f, t, c)`,
    [sessions.map((s) => s[0]), sessions.map((s) => s[1]), sessions.map((s) => s[2]), sessions.map((s) => s[3])],
  )
})

const funnel = (extra: Record<string, string> = {}) => new URLSearchParams({ workflow: `w_${prefix}`, from: FROM, to: TO, breakdown: 'department', ...extra }).toString()
const get = (query: string, key: string | null = readKey) => GET(request(`/api/analytics/funnel/export?${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }))
/** The CSV's lines as fields (no field here holds a comma or quote). */
async function lines(res: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await res.arrayBuffer())
  // The byte-order mark Excel needs to read UTF-8 (the decoder drops it).
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  return new TextDecoder()
    .decode(bytes)
    .split('\r\n')
    .filter(Boolean)
    .map((l) => l.split(','))
}

describe('GET /api/analytics/funnel/export', () => {
  it('writes the steps of everyone and each shown ward, a suppressed cell empty and named', async () => {
    const res = await get(funnel({ table: 'steps' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="funnel-w_${prefix}-steps-2030-04-08-to-2030-04-09.csv"`)
    const [header, ...rows] = await lines(res)
    expect(header).toEqual(['group', 'step', 'event', 'label', 'users', 'conversion_from_start', 'conversion_from_previous', 'drop_off', 'median_from_previous_ms', 'suppressed'])
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      ['all', '1', '40'],
      ['all', '2', '32'],
      ['all', '3', '19'],
      [ward('A'), '1', '20'],
      [ward('A'), '2', '16'],
      [ward('A'), '3', '12'],
      [ward('B'), '1', '14'],
      [ward('B'), '2', '12'],
      [ward('B'), '3', ''],
    ])
    expect(rows[0]).toEqual(['all', '1', `${prefix}_open`, 'Opened', '40', '1', '1', '0', '', ''])
    // 8 lost at step 2: too few to show; 13 lost at step 3.
    expect(rows[1]?.slice(7)).toEqual(['', '240000', 'drop_off'])
    expect(rows[2]?.[7]).toBe('13')
    expect(rows[8]?.[9]).toBe('users; conversion_from_start; conversion_from_previous; drop_off; median_from_previous_ms')
  })

  it('never writes a count of 1 to 10 people, and leaves the small ward out', async () => {
    const [, ...rows] = await lines(await get(funnel({ table: 'steps' })))
    for (const r of rows) for (const i of [4, 7]) expect(Number(r[i]) >= 11 || r[i] === '' || r[i] === '0', `${r.join(',')}`).toBe(true)
    expect(rows.some((r) => r[0] === ward('C'))).toBe(false)
  })

  it('writes the time-to-convert buckets', async () => {
    const [header, ...rows] = await lines(await get(funnel({ table: 'time' })))
    expect(header).toEqual(['from_ms', 'to_ms', 'users', 'suppressed'])
    // All 19 took 8 minutes: the 5–15 min bucket.
    expect(rows.find((r) => r[0] === '300000')).toEqual(['300000', '900000', '19', ''])
    expect(rows.filter((r) => r[2] !== '0' && r[2] !== '19')).toEqual([])
  })

  it('lists the people lost at step 3 with their sessions, and nobody where fewer than 11 were lost', async () => {
    const [header, ...rows] = await lines(await get(funnel({ table: 'dropoffs', step: '3' })))
    expect(header).toEqual(['step', 'lost', 'person', 'reached_step', 'chain_started_at', 'session_started_at', 'session_ended_at', 'session_event_count', 'session_events', 'suppressed'])
    expect(new Set(rows.map((r) => r[2])).size).toBe(13)
    expect(rows.every((r) => r[0] === '3' && r[1] === '13' && r[3] === '2' && r[9] === '')).toBe(true)

    const [, ...small] = await lines(await get(funnel({ table: 'dropoffs', step: '2' })))
    expect(small).toEqual([['2', '', '', '', '', '', '', '', '', 'lost; person']])
  })

  // The queries are made when the test runs: the workflow's key is only known after beforeAll.
  it.each([
    ['no credentials', (): string => funnel({ table: 'steps' }), null, 401, 'unauthorized'],
    ['a key without read', (): string => funnel({ table: 'steps' }), 'write', 403, 'forbidden'],
    ['an unknown table', (): string => funnel({ table: 'people' }), 'read', 422, 'invalid'],
    ['drop-offs without a step', (): string => funnel({ table: 'dropoffs' }), 'read', 422, 'invalid'],
    ['a step past the last', (): string => funnel({ table: 'dropoffs', step: '4' }), 'read', 422, 'invalid'],
    ['steps that are not JSON', (): string => `steps=%5Bnope&table=steps`, 'read', 400, 'bad_request'],
    ['an unknown workflow', (): string => `workflow=no_such_${Date.now()}&table=steps`, 'read', 404, 'not_found'],
    ['from after to', (): string => funnel({ table: 'steps', from: TO, to: FROM }), 'read', 422, 'invalid'],
  ] as const)('refuses %s in the JSON error shape', async (_name, query, which, status, code) => {
    const res = await get(query(), which === null ? null : which === 'read' ? readKey : writeKey)
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toContain('application/json')
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe(code)
    expect(body.error.message).toBeTruthy()
  })
})
