import { describe, it, expect } from 'vitest'
import { formatDuration, formatNumber, formatPercent, formatRelativeTime, formatUtcTimestamp, NOT_AVAILABLE } from './format'

const NOW = new Date('2025-11-25T12:00:00.000Z')
const ago = (ms: number) => new Date(NOW.getTime() - ms)
const s = 1_000
const min = 60 * s
const h = 60 * min
const d = 24 * h

describe('formatRelativeTime', () => {
  it.each<[string, Date | string | number, string]>([
    ['the same instant', NOW, 'just now'],
    ['59 s ago', ago(59 * s), 'just now'],
    ['59 s ahead', ago(-59 * s), 'just now'],
    ['exactly a minute', ago(min), '1 min ago'],
    ['4 min 59 s (truncated, not rounded)', ago(4 * min + 59 * s), '4 min ago'],
    ['59 min 59 s', ago(h - s), '59 min ago'],
    ['exactly an hour', ago(h), '1 h ago'],
    ['3 h 40 min', ago(3 * h + 40 * min), '3 h ago'],
    ['23 h 59 min', ago(d - min), '23 h ago'],
    ['exactly a day', ago(d), '1 d ago'],
    ['2 d', ago(2 * d + 5 * h), '2 d ago'],
    ['29 d', ago(29 * d), '29 d ago'],
    ['30 d', ago(30 * d), '1 mo ago'],
    ['364 d', ago(364 * d), '12 mo ago'],
    ['a year', ago(365 * d), '1 y ago'],
    ['in 5 min', ago(-5 * min), 'in 5 min'],
    ['in 2 h', ago(-2 * h - 10 * min), 'in 2 h'],
    ['in 3 d', ago(-3 * d), 'in 3 d'],
    ['an ISO string', '2025-11-25T11:56:00.000Z', '4 min ago'],
    ['epoch milliseconds', NOW.getTime() - 90 * min, '1 h ago'],
    ['an unparseable string', 'not a date', 'unknown time'],
  ])('%s → %s', (_label, input, expected) => {
    expect(formatRelativeTime(input, NOW)).toBe(expected)
  })

  it('defaults `now` to the current time', () => {
    expect(formatRelativeTime(new Date())).toBe('just now')
  })
})

describe('formatUtcTimestamp', () => {
  it.each<[Date | string, string]>([
    [NOW, '2025-11-25 12:00 UTC'],
    ['2025-01-02T03:04:59.999Z', '2025-01-02 03:04 UTC'],
    ['garbage', 'unknown time'],
  ])('%s → %s', (input, expected) => {
    expect(formatUtcTimestamp(input)).toBe(expected)
  })
})

describe('formatNumber', () => {
  it.each<[string, number | null | undefined, Parameters<typeof formatNumber>[1], string]>([
    ['zero', 0, {}, '0'],
    ['thousands separator', 1_234_567, {}, '1,234,567'],
    ['up to two decimals by default', 3.14159, {}, '3.14'],
    ['trailing zeros dropped by default', 2.5, {}, '2.5'],
    ['fixed digits', 2.5, { digits: 2 }, '2.50'],
    ['negative', -1200, {}, '-1,200'],
    ['negative zero after rounding', -0.001, {}, '0'],
    ['compact thousands', 12_345, { compact: true }, '12.3K'],
    ['compact millions', 4_500_000, { compact: true }, '4.5M'],
    ['compact small', 950, { compact: true }, '950'],
    ['NaN', Number.NaN, {}, NOT_AVAILABLE],
    ['Infinity', Number.POSITIVE_INFINITY, {}, NOT_AVAILABLE],
    ['null', null, {}, NOT_AVAILABLE],
    ['undefined', undefined, {}, NOT_AVAILABLE],
  ])('%s', (_label, value, options, expected) => {
    expect(formatNumber(value, options)).toBe(expected)
  })
})

describe('formatPercent', () => {
  it.each<[string, number | null, number | undefined, boolean, string]>([
    ['one digit by default', 0.123, undefined, false, '12.3%'],
    ['SLO target with two digits', 0.9995, 2, false, '99.95%'],
    ['whole percent', 0.5, 0, false, '50%'],
    ['fixed digits keep trailing zeros', 1, 1, false, '100.0%'],
    ['rounds half up', 0.99995, 2, false, '100.00%'],
    ['zero', 0, 1, false, '0.0%'],
    ['tiny negative never shows -0.0%', -0.00001, 1, false, '0.0%'],
    ['negative', -0.042, 1, false, '-4.2%'],
    ['over 100%', 1.25, 0, false, '125%'],
    ['signed gain', 0.042, 1, true, '+4.2%'],
    ['signed loss', -0.042, 1, true, '-4.2%'],
    ['signed zero has no sign', 0, 1, true, '0.0%'],
    ['NaN', Number.NaN, 1, false, NOT_AVAILABLE],
    ['null', null, 1, false, NOT_AVAILABLE],
  ])('%s', (_label, value, digits, signed, expected) => {
    expect(formatPercent(value, digits, { signed })).toBe(expected)
  })
})

describe('formatDuration', () => {
  it.each<[string, number | null, string]>([
    ['zero', 0, '0 ms'],
    ['sub-millisecond', 0.4, '< 1 ms'],
    ['milliseconds, truncated', 850.9, '850 ms'],
    ['just under a second', 999, '999 ms'],
    ['one second', s, '1 s'],
    ['45 s', 45 * s, '45 s'],
    ['seconds are truncated', 45_999, '45 s'],
    ['a minute exactly drops zero seconds', min, '1 min'],
    ['minutes and seconds', 5 * min + 30 * s, '5 min 30 s'],
    ['59 min 59 s', h - s, '59 min 59 s'],
    ['an hour exactly', h, '1 h'],
    ['1 h 5 min', h + 5 * min, '1 h 5 min'],
    ['seconds beyond two units are dropped', h + 5 * min + 59 * s, '1 h 5 min'],
    ['an hour and a few seconds', h + 30 * s, '1 h'],
    ['days and hours', d + h + 61 * s, '1 d 1 h'],
    ['many days', 40 * d, '40 d'],
    ['negative', -(2 * min), '-2 min'],
    ['NaN', Number.NaN, NOT_AVAILABLE],
    ['null', null, NOT_AVAILABLE],
  ])('%s → %s', (_label, ms, expected) => {
    expect(formatDuration(ms)).toBe(expected)
  })
})
