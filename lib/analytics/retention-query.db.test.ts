/** Weekly retention on PostgreSQL, against hand-counted cohorts in January 2031 (unique start and return events). */
import { beforeAll, describe, expect, it } from 'vitest'
import { getPool } from '@/lib/db'
import { insertAnalyticsEvents, uniqueEvent, users, type TestEvent } from '@/test/analytics-factories'
import { getRetention } from './retention-query'

// Wednesday 29 January 2031: the four weeks are those of Mondays 6, 13, 20 and 27 January, the last running.
const now = new Date('2031-01-29T12:00:00Z')
const start = uniqueEvent('ret_start')
const back = uniqueEvent('ret_back')
const at = (day: string, user: string, event: string): TestEvent => ({ at: `2031-01-${day}T10:00:00Z`, user, event })

const first = users(15)
const second = users(11)
const veteran = users(1)
const small = users(2)

beforeAll(async () => {
  for (const m of ['2030-12-01', '2031-01-01']) await getPool().query('SELECT analytics_create_partition($1::date)', [m])
  await insertAnalyticsEvents([
    // Cohort of 6 January: 15 start on the 7th; 13 come back that week, 12 the next, 11 the one after, 3 this week.
    ...first.map((u) => at('07', u, start)),
    ...first.slice(0, 13).map((u) => at('08', u, back)),
    ...first.slice(0, 12).map((u) => at('15', u, back)),
    ...first.slice(0, 12).map((u) => at('16', u, back)), // twice in one week is once
    ...first.slice(0, 11).map((u) => at('22', u, back)),
    ...first.slice(0, 3).map((u) => at('28', u, back)),
    // Cohort of 13 January: 11 start on the 14th (none come back that week); all 11 the next week.
    ...second.map((u) => at('14', u, start)),
    ...second.map((u) => at('21', u, back)),
    // A veteran first started on 2 January, before the window, and again on the 14th; back on the 21st.
    { at: '2031-01-02T10:00:00Z', user: veteran[0]!, event: start },
    at('14', veteran[0]!, start),
    at('21', veteran[0]!, back),
    // Cohort of 20 January: 2 people.
    ...small.map((u) => at('21', u, start)),
    ...small.map((u) => at('28', u, back)),
  ])
})

const table = (r: Awaited<ReturnType<typeof getRetention>>) =>
  r.cohorts.map((c) => [c.cohort, c.size, c.cells.map((x) => (x.state === 'suppressed' ? 'hidden' : x.rate === null ? x.users : `${x.users} ${Math.round(x.rate * 100)}%`))])

describe('getRetention', () => {
  it('groups people by the week of their first start event ever, and counts them back week by week', async () => {
    const r = await getRetention({ weeks: 4, basis: 'first', startEvent: start, returnEvent: back }, now, 11)
    expect(r.from).toBe('2031-01-06T00:00:00.000Z')
    expect(r.to).toBe('2031-02-03T00:00:00.000Z')
    expect(table(r)).toEqual([
      ['2031-01-06', 15, ['13 87%', '12 80%', '11 73%', 'hidden']],
      // The veteran is not new: their first start was on 2 January.
      ['2031-01-13', 11, ['0 0%', '11 100%', '0 0%']],
      ['2031-01-20', null, ['hidden', 'hidden']],
      ['2031-01-27', 0, [0]],
    ])
    expect(r.cohorts[1]!.cells.map((c) => c.state)).toEqual(['shown', 'shown', 'in progress'])
    // Week 0: (13 + 0) / (15 + 11); week 1: (12 + 11) / 26; week 2: the complete cells shown: 11 of 15.
    expect(r.mean.slice(0, 3)).toEqual([13 / 26, 23 / 26, 11 / 15])
  })

  it('counts the veteran in the week of their first start in the window when asked', async () => {
    const r = await getRetention({ weeks: 4, basis: 'window', startEvent: start, returnEvent: back }, now, 11)
    expect(table(r)[1]).toEqual(['2031-01-13', 12, ['0 0%', '12 100%', '0 0%']])
  })
})
