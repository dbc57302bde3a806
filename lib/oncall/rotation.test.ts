import { describe, expect, it } from 'vitest'
import { localDateTimeAt } from '@/lib/time'
import { rotationShiftsBetween, shiftAt, shiftHours, shiftsBetween, type RotationSpec } from './rotation'

const at = (iso: string) => new Date(iso)
const NY = 'America/New_York'
const BERLIN = 'Europe/Berlin'

const dailyNY: RotationSpec = { timezone: NY, rotation: 'daily', handoffTime: '09:00', startDate: '2026-03-01', participantIds: ['ann', 'bob', 'cat'] }
const weeklyBerlin: RotationSpec = { timezone: BERLIN, rotation: 'weekly', handoffTime: '10:00', startDate: '2026-03-23', participantIds: ['dora', 'emil'] }

describe('daily rotation in America/New_York', () => {
  it('hands off at 09:00 local every day; the spring-forward shift lasts 23 h', () => {
    const s = shiftAt(dailyNY, [], at('2026-03-08T03:00:00Z'))!
    // 7 Mar is day 6 of the rotation: ann, bob, cat, ann, bob, cat, ann
    expect(s).toEqual({ userId: 'ann', from: at('2026-03-07T14:00:00Z'), to: at('2026-03-08T13:00:00Z'), source: 'rotation' })
    expect(shiftHours(s)).toBe(23)
    const next = shiftAt(dailyNY, [], at('2026-03-08T13:00:00Z'))!
    expect(next).toMatchObject({ userId: 'bob', from: at('2026-03-08T13:00:00Z'), to: at('2026-03-09T13:00:00Z') })
    expect(shiftHours(next)).toBe(24)
  })

  it('the fall-back shift lasts 25 h and still hands off at 09:00 local', () => {
    const s = shiftAt(dailyNY, [], at('2026-11-01T12:00:00Z'))!
    expect(s.from.toISOString()).toBe('2026-10-31T13:00:00.000Z')
    expect(s.to.toISOString()).toBe('2026-11-01T14:00:00.000Z')
    expect(shiftHours(s)).toBe(25)
    expect(localDateTimeAt(NY, s.to)).toMatchObject({ day: 1, hour: 9, minute: 0 })
  })

  it('the instant of the handoff belongs to the new shift', () => {
    expect(shiftAt(dailyNY, [], at('2026-03-02T13:59:59.999Z'))?.userId).toBe('ann')
    expect(shiftAt(dailyNY, [], at('2026-03-02T14:00:00Z'))?.userId).toBe('bob')
  })

  it('has nobody on call before the rotation starts or with no participants', () => {
    expect(shiftAt(dailyNY, [], at('2026-03-01T13:59:00Z'))).toBeNull()
    expect(shiftAt(dailyNY, [], at('2026-03-01T14:00:00Z'))?.userId).toBe('ann')
    expect(shiftAt({ ...dailyNY, participantIds: [] }, [], at('2026-03-05T00:00:00Z'))).toBeNull()
  })

  it('lists 14 days of shifts across the change, each starting at 09:00 local', () => {
    // 14 × 24 h from 1 Mar 09:00 EST reaches 15 Mar 10:00 EDT: one hour into a 15th shift
    const from = at('2026-03-01T14:00:00Z')
    expect(rotationShiftsBetween(dailyNY, from, new Date(from.getTime() + 14 * 86_400_000))).toHaveLength(15)
    const shifts = rotationShiftsBetween(dailyNY, from, at('2026-03-15T13:00:00Z'))
    expect(shifts).toHaveLength(14)
    expect(shifts.map((s) => s.userId).slice(0, 4)).toEqual(['ann', 'bob', 'cat', 'ann'])
    for (const s of shifts) expect(localDateTimeAt(NY, s.from)).toMatchObject({ hour: 9, minute: 0 })
    expect(shifts.map(shiftHours).filter((h) => h !== 24)).toEqual([23])
    // contiguous: every shift starts where the previous one ended
    for (let i = 1; i < shifts.length; i += 1) expect(shifts[i]?.from).toEqual(shifts[i - 1]?.to)
  })

  it('a handoff time skipped by spring-forward happens right after the gap', () => {
    const spec: RotationSpec = { ...dailyNY, handoffTime: '02:30' }
    const s = shiftAt(spec, [], at('2026-03-08T07:30:00Z'))!
    expect(s.from.toISOString()).toBe('2026-03-08T07:30:00.000Z') // 03:30 EDT
    expect(s.to.toISOString()).toBe('2026-03-09T06:30:00.000Z') // 02:30 EDT
    expect(shiftHours(s)).toBe(23)
  })
})

describe('weekly rotation in Europe/Berlin', () => {
  it('the week across the EU spring change lasts 167 h, handing off Monday 10:00 local', () => {
    const s = shiftAt(weeklyBerlin, [], at('2026-03-29T12:00:00Z'))!
    expect(s).toMatchObject({ userId: 'dora', from: at('2026-03-23T09:00:00Z'), to: at('2026-03-30T08:00:00Z') })
    expect(shiftHours(s)).toBe(167)
    expect(shiftAt(weeklyBerlin, [], at('2026-03-30T08:00:00Z'))?.userId).toBe('emil')
  })

  it('the week across the EU autumn change lasts 169 h', () => {
    // 19 Oct 2026 is week 30 of the rotation (even): dora
    const s = shiftAt(weeklyBerlin, [], at('2026-10-25T12:00:00Z'))!
    expect(s).toMatchObject({ userId: 'dora', from: at('2026-10-19T08:00:00Z'), to: at('2026-10-26T09:00:00Z') })
    expect(shiftHours(s)).toBe(169)
    expect(localDateTimeAt(BERLIN, s.to)).toMatchObject({ year: 2026, month: 10, day: 26, hour: 10, minute: 0 })
  })

  it('a daily Berlin rotation handing off at 02:30 uses the first 02:30 on the fall-back night', () => {
    const spec: RotationSpec = { ...weeklyBerlin, rotation: 'daily', handoffTime: '02:30' }
    const s = shiftAt(spec, [], at('2026-10-25T12:00:00Z'))!
    expect(s.from.toISOString()).toBe('2026-10-25T00:30:00.000Z')
    expect(s.to.toISOString()).toBe('2026-10-26T01:30:00.000Z')
    expect(shiftHours(s)).toBe(25)
  })
})

describe('overrides', () => {
  const override = { id: 'o1', userId: 'zoe', startsAt: at('2026-03-03T18:00:00Z'), endsAt: at('2026-03-03T22:00:00Z') }

  it('replace the rotation for their interval, splitting the shift', () => {
    const shifts = shiftsBetween(dailyNY, [override], at('2026-03-03T00:00:00Z'), at('2026-03-04T00:00:00Z'))
    expect(shifts.map((s) => [s.userId, s.source, s.from.toISOString(), s.to.toISOString()])).toEqual([
      ['bob', 'rotation', '2026-03-02T14:00:00.000Z', '2026-03-03T14:00:00.000Z'],
      ['cat', 'rotation', '2026-03-03T14:00:00.000Z', '2026-03-03T18:00:00.000Z'],
      ['zoe', 'override', '2026-03-03T18:00:00.000Z', '2026-03-03T22:00:00.000Z'],
      ['cat', 'rotation', '2026-03-03T22:00:00.000Z', '2026-03-04T14:00:00.000Z'],
    ])
  })

  it('decide who is on call now and until when', () => {
    expect(shiftAt(dailyNY, [override], at('2026-03-03T19:00:00Z'))).toEqual({
      userId: 'zoe',
      from: override.startsAt,
      to: override.endsAt,
      source: 'override',
      overrideId: 'o1',
    })
    expect(shiftAt(dailyNY, [override], at('2026-03-03T17:00:00Z'))?.to).toEqual(override.startsAt)
    expect(shiftAt(dailyNY, [override], at('2026-03-03T22:00:00Z'))).toMatchObject({ userId: 'cat', from: override.endsAt })
  })

  it('a later override wins where two overlap; an override can cover time before the rotation', () => {
    const second = { userId: 'yan', startsAt: at('2026-03-03T20:00:00Z'), endsAt: at('2026-03-04T02:00:00Z') }
    expect(shiftAt(dailyNY, [override, second], at('2026-03-03T21:00:00Z'))?.userId).toBe('yan')
    expect(shiftAt(dailyNY, [override, second], at('2026-03-03T19:00:00Z'))).toMatchObject({ userId: 'zoe', to: second.startsAt })
    const early = { userId: 'xia', startsAt: at('2026-02-01T00:00:00Z'), endsAt: at('2026-02-02T00:00:00Z') }
    expect(shiftAt(dailyNY, [early], at('2026-02-01T12:00:00Z'))?.userId).toBe('xia')
  })

  it('ignore empty or inverted intervals', () => {
    const bad = { userId: 'zoe', startsAt: at('2026-03-03T18:00:00Z'), endsAt: at('2026-03-03T18:00:00Z') }
    expect(shiftAt(dailyNY, [bad], at('2026-03-03T18:00:00Z'))?.userId).toBe('cat')
  })
})
