import { describe, expect, it } from 'vitest'
import { formatDelay, formatInZone, formatShiftLength, spansClockChange } from './format'

const at = (iso: string) => new Date(iso)

describe('formatInZone', () => {
  it('shows the wall clock of the zone with its name', () => {
    expect(formatInZone(at('2026-03-08T13:00:00Z'), 'America/New_York')).toBe('Sun 8 Mar, 09:00 EDT')
    expect(formatInZone(at('2026-03-07T14:00:00Z'), 'America/New_York', { zoneName: false })).toBe('Sat 7 Mar, 09:00')
    expect(formatInZone(at('2026-10-26T09:00:00Z'), 'Europe/Berlin')).toBe('Mon 26 Oct, 10:00 CET')
    expect(formatInZone(at('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toMatch(/^Thu 15 Jan, 17:30 (IST|GMT\+5:30)$/)
    expect(formatInZone(at('x'), 'UTC')).toBe('unknown time')
  })
})

describe('formatShiftLength and spansClockChange', () => {
  it.each([
    ['2026-03-07T14:00:00Z', '2026-03-08T13:00:00Z', 'America/New_York', '23 h', true],
    ['2026-10-31T13:00:00Z', '2026-11-01T14:00:00Z', 'America/New_York', '25 h', true],
    ['2026-03-08T13:00:00Z', '2026-03-09T13:00:00Z', 'America/New_York', '24 h', false],
    ['2026-03-23T09:00:00Z', '2026-03-30T08:00:00Z', 'Europe/Berlin', '6 d 23 h', true],
    ['2026-03-23T09:00:00Z', '2026-03-30T09:00:00Z', 'America/New_York', '7 d', false],
    ['2026-03-03T18:00:00Z', '2026-03-03T22:30:00Z', 'America/New_York', '4 h 30 min', false],
  ])('%s → %s in %s is %s', (from, to, zone, text, change) => {
    expect(formatShiftLength(at(from), at(to))).toBe(text)
    expect(spansClockChange(at(from), at(to), zone)).toBe(change)
  })
})

describe('formatDelay', () => {
  it.each([
    [0, 'immediately'],
    [5, 'after 5 min'],
    [60, 'after 1 h'],
    [90, 'after 1 h 30 min'],
  ])('%i → %s', (minutes, text) => {
    expect(formatDelay(minutes)).toBe(text)
  })
})
