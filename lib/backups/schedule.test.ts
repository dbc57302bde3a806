import { describe, expect, it } from 'vitest'
import { latestDailySlot, latestWeeklySlot, selectBackupKind } from './schedule'

const at = (iso: string) => new Date(iso)

describe('latest slots (guides: daily 02:00, weekly Sunday 03:00)', () => {
  it.each([
    // now (UTC)                  zone               latest daily             latest weekly
    ['2026-12-09T14:00:00Z', 'UTC', '2026-12-09T02:00:00.000Z', '2026-12-06T03:00:00.000Z'], // Wednesday
    ['2026-12-09T01:59:59Z', 'UTC', '2026-12-08T02:00:00.000Z', '2026-12-06T03:00:00.000Z'], // before today's 02:00
    ['2026-12-06T02:30:00Z', 'UTC', '2026-12-06T02:00:00.000Z', '2026-11-29T03:00:00.000Z'], // Sunday, before 03:00
    ['2026-12-06T03:00:00Z', 'UTC', '2026-12-06T02:00:00.000Z', '2026-12-06T03:00:00.000Z'], // Sunday 03:00 exactly
    // Berlin in winter is UTC+1: 02:00 local is 01:00Z.
    ['2026-12-09T01:30:00Z', 'Europe/Berlin', '2026-12-09T01:00:00.000Z', '2026-12-06T02:00:00.000Z'],
    // New York in summer is UTC−4: Sunday 03:00 local is 07:00Z; at 06:00Z Sunday it is still Sunday 02:00 local.
    ['2026-07-05T06:00:00Z', 'America/New_York', '2026-07-05T06:00:00.000Z', '2026-06-28T07:00:00.000Z'],
  ])('at %s in %s: daily %s, weekly %s', (now, zone, daily, weekly) => {
    expect(latestDailySlot(at(now), zone).toISOString()).toBe(daily)
    expect(latestWeeklySlot(at(now), zone).toISOString()).toBe(weekly)
  })

  it('follows a DST change: Berlin springs forward at 02:00 on 29 March 2026, so that day’s daily slot is 03:00 local (01:00Z)', () => {
    expect(latestDailySlot(at('2026-03-29T05:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z')
  })
})

describe('selectBackupKind', () => {
  const wednesday2pm = at('2026-12-09T14:00:00Z')

  it('makes the weekly backup first on a fresh install', () => {
    expect(selectBackupKind(wednesday2pm, 'UTC', {})).toBe('weekly')
  })

  it('makes an hourly backup when this week’s weekly and today’s daily exist', () => {
    expect(selectBackupKind(wednesday2pm, 'UTC', { weekly: at('2026-12-06T03:00:01Z'), daily: at('2026-12-09T02:00:02Z') })).toBe('hourly')
  })

  it('makes the daily backup at the 02:00 run, and at a later run when 02:00 was missed', () => {
    const newest = { weekly: at('2026-12-06T03:00:01Z'), daily: at('2026-12-08T02:00:02Z'), hourly: at('2026-12-09T01:00:00Z') }
    expect(selectBackupKind(at('2026-12-09T02:00:00Z'), 'UTC', newest)).toBe('daily')
    // The server was down from 01:30 to 05:10: the first run after fills the daily slot.
    expect(selectBackupKind(at('2026-12-09T06:00:00Z'), 'UTC', newest)).toBe('daily')
  })

  it('makes the weekly backup at 03:00 on Sunday after the 02:00 daily', () => {
    const newest = { weekly: at('2026-11-29T03:00:01Z'), daily: at('2026-12-06T02:00:01Z') }
    expect(selectBackupKind(at('2026-12-06T02:00:00Z'), 'UTC', { weekly: newest.weekly, daily: at('2026-12-05T02:00:00Z') })).toBe('daily')
    expect(selectBackupKind(at('2026-12-06T03:00:00Z'), 'UTC', newest)).toBe('weekly')
  })

  it('counts a weekly backup as the day’s daily one', () => {
    expect(selectBackupKind(at('2026-12-06T04:00:00Z'), 'UTC', { weekly: at('2026-12-06T03:00:01Z'), daily: at('2026-12-05T02:00:00Z') })).toBe('hourly')
  })
})
