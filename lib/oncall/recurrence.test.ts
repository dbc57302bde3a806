/** Recurring maintenance rules, worked on fixed dates (the guides' weekly and monthly windows). */
import { describe, expect, it } from 'vitest'
import { describeRecurrence, nextOccurrences, normaliseRrule, occurrencesOverlapping, parseRecurrence, recurrenceAnchor } from './recurrence'

const WEEKLY = 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0'
const MONTHLY = 'FREQ=MONTHLY;BYDAY=1SA;BYHOUR=1'
// Monday 7 December 2026, 06:15 UTC.
const NOW = new Date('2026-12-07T06:15:00Z')
const ANCHOR = recurrenceAnchor(NOW)
const iso = (d: Date) => d.toISOString().slice(0, 16)

function rule(text: string, now = NOW) {
  const parsed = parseRecurrence(text, recurrenceAnchor(now), now)
  if (!parsed.ok) throw new Error(parsed.problem)
  return parsed.rule
}

describe('parseRecurrence', () => {
  it('anchors at midnight UTC of the creation day', () => {
    expect(ANCHOR.toISOString()).toBe('2026-12-07T00:00:00.000Z')
  })

  it.each([
    [WEEKLY],
    [MONTHLY],
    ['rrule:freq=daily;byhour=3'],
    ['FREQ=WEEKLY;COUNT=4;BYDAY=SU;BYHOUR=2'],
    ['FREQ=WEEKLY;UNTIL=20270601T000000Z;BYDAY=SU;BYHOUR=2'],
  ])('accepts %s', (text) => {
    expect(parseRecurrence(text, ANCHOR, NOW).ok).toBe(true)
  })

  it.each([
    ['', 'Give a rule'],
    ['garbage', 'not an RFC 5545 recurrence rule'],
    ['FREQ=WEEKLY;BYDAY=XX', 'not an RFC 5545 recurrence rule'],
    ['FREQ=DAILY;FOO=1', 'not an RFC 5545 recurrence rule'],
    ['BYDAY=MO', 'Start the rule with FREQ='],
    ['FREQ=HOURLY', 'at most daily'],
    ['FREQ=MINUTELY;INTERVAL=30', 'at most daily'],
    ['DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', 'only the RRULE part'],
    ['FREQ=DAILY;TZID=Europe/London', 'only the RRULE part'],
    ['FREQ=DAILY;UNTIL=20200101T000000Z', 'no occurrence in the coming year'],
    ['FREQ=YEARLY;INTERVAL=5;BYMONTH=1;BYMONTHDAY=1', 'no occurrence in the coming year'],
    ['FREQ=DAILY;' + 'BYHOUR=1;'.repeat(40), 'under 300 characters'],
  ])('refuses %j (%s)', (text, problem) => {
    const parsed = parseRecurrence(text, ANCHOR, NOW)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problem).toContain(problem)
  })

  it('stores the rule normalised', () => {
    expect(normaliseRrule(' rrule:freq=weekly;byday=su ')).toBe('FREQ=WEEKLY;BYDAY=SU')
  })
})

describe('occurrences of the guides’ windows', () => {
  it('weekly: Sundays 02:00–04:00 UTC', () => {
    expect(nextOccurrences(rule(WEEKLY), 120, NOW).map((o) => [iso(o.startsAt), iso(o.endsAt)])).toEqual([
      ['2026-12-13T02:00', '2026-12-13T04:00'],
      ['2026-12-20T02:00', '2026-12-20T04:00'],
      ['2026-12-27T02:00', '2026-12-27T04:00'],
    ])
  })

  it('monthly: the first Saturday, 01:00–05:00 UTC', () => {
    expect(nextOccurrences(rule(MONTHLY), 240, NOW).map((o) => iso(o.startsAt))).toEqual(['2027-01-02T01:00', '2027-02-06T01:00', '2027-03-06T01:00'])
  })

  it('a window in progress comes first and overlaps a span that starts inside it', () => {
    const sunday3am = new Date('2026-12-13T03:00:00Z')
    const r = rule(WEEKLY, NOW)
    expect(iso(nextOccurrences(r, 120, sunday3am, 1)[0]!.startsAt)).toBe('2026-12-13T02:00')
    const thirtyDays = occurrencesOverlapping(r, 120, sunday3am, new Date(sunday3am.getTime() + 30 * 86_400_000))
    expect(thirtyDays.map((o) => iso(o.startsAt))).toEqual(['2026-12-13T02:00', '2026-12-20T02:00', '2026-12-27T02:00', '2027-01-03T02:00', '2027-01-10T02:00'])
  })

  it('COUNT counts from the anchor: four Sundays, then none', () => {
    const r = rule('FREQ=WEEKLY;COUNT=4;BYDAY=SU;BYHOUR=2')
    expect(nextOccurrences(r, 60, NOW, 10).map((o) => iso(o.startsAt))).toEqual(['2026-12-13T02:00', '2026-12-20T02:00', '2026-12-27T02:00', '2027-01-03T02:00'])
  })
})

describe('describeRecurrence', () => {
  it.each([
    [WEEKLY, 120, 'Every week on Sunday, 02:00–04:00 UTC (2 h)'],
    [MONTHLY, 240, 'Every month on the 1st Saturday, 01:00–05:00 UTC (4 h)'],
    ['FREQ=DAILY;BYHOUR=23;BYMINUTE=30', 90, 'Every day, 23:30–01:00 UTC (1 h 30 min)'],
  ])('%s for %i min → %s', (text, minutes, words) => {
    expect(describeRecurrence(rule(text), minutes, NOW)).toBe(words)
  })
})
