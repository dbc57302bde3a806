import { describe, expect, it } from 'vitest'
import { chooseTimeStep, timeTickProps, timeTicks } from './time-ticks'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const ticks = (from: string, to: string, tz = 'Europe/London') =>
  timeTicks(Date.parse(from), Date.parse(to), tz).map((t) => [new Date(t.value).toISOString().slice(0, 16), t.label])

describe('chooseTimeStep', () => {
  it.each<[string, number, { unit: 'hour' | 'day'; size: number }]>([
    ['24 h → every 3 hours', 24 * HOUR, { unit: 'hour', size: 3 }],
    ['6 h → every hour', 6 * HOUR, { unit: 'hour', size: 1 }],
    ['7 d → one per day', 7 * DAY, { unit: 'day', size: 1 }],
    ['30 d → every 5 days', 30 * DAY, { unit: 'day', size: 5 }],
    ['90 d → every 2 weeks', 90 * DAY, { unit: 'day', size: 14 }],
  ])('%s', (_, span, step) => {
    expect(chooseTimeStep(span)).toEqual(step)
  })
})

describe('timeTicks', () => {
  it('7 days: one tick per local midnight, each date once', () => {
    // The issue: the 7-day axis repeated dates (ticks every 1.4 days, labelled by date).
    expect(ticks('2026-11-29T21:10:00Z', '2026-12-06T21:00:00Z')).toEqual([
      ['2026-11-30T00:00', '30 Nov'],
      ['2026-12-01T00:00', '1 Dec'],
      ['2026-12-02T00:00', '2 Dec'],
      ['2026-12-03T00:00', '3 Dec'],
      ['2026-12-04T00:00', '4 Dec'],
      ['2026-12-05T00:00', '5 Dec'],
      ['2026-12-06T00:00', '6 Dec'],
    ])
  })

  it('30 days: every 5 days, on the same days whatever the exact start', () => {
    const expected = [
      ['2026-11-07T00:00', '7 Nov'],
      ['2026-11-12T00:00', '12 Nov'],
      ['2026-11-17T00:00', '17 Nov'],
      ['2026-11-22T00:00', '22 Nov'],
      ['2026-11-27T00:00', '27 Nov'],
      ['2026-12-02T00:00', '2 Dec'],
    ]
    expect(ticks('2026-11-06T21:00:00Z', '2026-12-06T21:00:00Z')).toEqual(expected)
    expect(ticks('2026-11-06T23:40:00Z', '2026-12-06T23:30:00Z')).toEqual(expected)
  })

  it('90 days: every other Monday', () => {
    const t = timeTicks(Date.parse('2026-09-07T21:00:00Z'), Date.parse('2026-12-06T21:00:00Z'), 'Europe/London')
    expect(t.map((x) => x.label)).toEqual(['14 Sep', '28 Sep', '12 Oct', '26 Oct', '9 Nov', '23 Nov'])
    // Local midnights across the October change: 23:00Z in summer time, 00:00Z after.
    expect(new Date(t[0]!.value).toISOString()).toBe('2026-09-13T23:00:00.000Z')
    expect(new Date(t[3]!.value).toISOString()).toBe('2026-10-26T00:00:00.000Z')
  })

  it('24 hours: every 3 hours, with the date at midnight', () => {
    expect(ticks('2026-12-05T21:10:00Z', '2026-12-06T21:00:00Z').map(([, l]) => l)).toEqual(['6 Dec', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00'])
  })

  it('a range of exactly 24 hours: the two ends that would both read "21:00" carry their dates', () => {
    expect(ticks('2026-12-05T21:00:00Z', '2026-12-06T21:00:00Z').map(([, l]) => l)).toEqual([
      '5 Dec 21:00',
      '6 Dec',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
      '15:00',
      '18:00',
      '6 Dec 21:00',
    ])
  })

  it('in the viewer’s zone: New York hours, its own midnight', () => {
    expect(ticks('2026-12-05T21:10:00Z', '2026-12-06T21:00:00Z', 'America/New_York').map(([, l]) => l)).toEqual([
      '18:00',
      '21:00',
      '6 Dec',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
      '15:00',
    ])
  })

  it('across the spring-forward night: local midnights and local hours, no tick in the gap', () => {
    expect(ticks('2026-03-25T12:00:00Z', '2026-04-01T12:00:00Z').map(([iso]) => iso)).toEqual([
      '2026-03-26T00:00',
      '2026-03-27T00:00',
      '2026-03-28T00:00',
      '2026-03-29T00:00',
      // British Summer Time from here: local midnight is 23:00 UTC.
      '2026-03-29T23:00',
      '2026-03-30T23:00',
      '2026-03-31T23:00',
    ])
    expect(ticks('2026-03-28T22:30:00Z', '2026-03-29T22:00:00Z')).toEqual([
      ['2026-03-29T00:00', '29 Mar'],
      ['2026-03-29T02:00', '03:00'],
      ['2026-03-29T05:00', '06:00'],
      ['2026-03-29T08:00', '09:00'],
      ['2026-03-29T11:00', '12:00'],
      ['2026-03-29T14:00', '15:00'],
      ['2026-03-29T17:00', '18:00'],
      ['2026-03-29T20:00', '21:00'],
    ])
  })

  it('labels are unique for every range the SLO page offers', () => {
    const end = Date.parse('2026-12-06T21:37:00Z')
    for (const days of [1, 7, 30, 90]) {
      for (const tz of ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'UTC']) {
        const t = timeTicks(end - days * DAY + 10 * 60_000, end, tz)
        expect(new Set(t.map((x) => x.label)).size, `${days} d in ${tz}`).toBe(t.length)
        expect(t.length).toBeGreaterThanOrEqual(5)
        expect(t.length).toBeLessThanOrEqual(9)
      }
    }
  })

  it('nothing to mark without a range', () => {
    expect(timeTicks(Number.NaN, 0, 'UTC')).toEqual([])
    expect(timeTicks(10, 0, 'UTC')).toEqual([])
    expect(timeTickProps([], 'UTC').ticks).toEqual([])
  })

  it('gives Recharts tick values and a formatter that reads their labels', () => {
    const xs = [Date.parse('2026-11-29T21:10:00Z'), Date.parse('2026-12-06T21:00:00Z')]
    const p = timeTickProps(xs, 'UTC')
    expect(p.ticks).toHaveLength(7)
    expect(p.ticks.map(p.tickFormatter)).toEqual(['30 Nov', '1 Dec', '2 Dec', '3 Dec', '4 Dec', '5 Dec', '6 Dec'])
  })
})
