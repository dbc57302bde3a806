import { describe, expect, it } from 'vitest'
import { daysFromCivil, ingestSummary, pgMicroseconds, roundHalfEven, toCopyBinary } from './ingest'

const HEADER = '5047434f50590aff0d0a00' + '00000000' + '00000000'
const NULL = 'ffffffff'
const hex = (b: Buffer) => b.toString('hex')

describe('toCopyBinary', () => {
  it("writes the header, one row of 7 fields per event ('' for no workflow, NULL for a missing number) and the trailer", () => {
    expect(
      hex(
        toCopyBinary([
          { sli: 'a', service: 'b', at: '2000-01-01T00:00:01Z', value: 1.5 },
          { sli: 'a', service: 'b', workflow: 'w', at: '1999-12-31T23:59:59.999Z', good: 1, total: 2 },
        ]),
      ),
    ).toBe(
      HEADER +
        // 7 fields; "a", "b", ""; 1 s after 2000-01-01 = 1,000,000 µs; 1.5; NULL; NULL
        ['0007', '00000001', '61', '00000001', '62', '00000000', '00000008', '00000000000f4240', '00000008', '3ff8000000000000', NULL, NULL].join('') +
        // "a", "b", "w"; 1 ms before 2000-01-01 = -1000 µs; NULL; 1; 2
        ['0007', '00000001', '61', '00000001', '62', '00000001', '77', '00000008', 'fffffffffffffc18', NULL, '00000004', '00000001', '00000004', '00000002'].join('') +
        'ffff',
    )
    expect(hex(toCopyBinary([]))).toBe(HEADER + 'ffff')
  })

  it('encodes text beyond ASCII as UTF-8, and -0 as 0 (what the text format stored)', () => {
    const row = hex(toCopyBinary([{ sli: 'é', service: 'b', at: '2000-01-01T00:00:00Z', value: -0 }])).slice(HEADER.length)
    expect(row).toBe(['0007', '00000002', 'c3a9', '00000001', '62', '00000000', '00000008', '0000000000000000', '00000008', '0000000000000000', NULL, NULL, 'ffff'].join(''))
  })
})

describe('pgMicroseconds', () => {
  it.each([
    ['2000-01-01T00:00:00Z', 0],
    ['2000-01-01T00:00:00.000001Z', 1],
    ['1999-12-31T23:59:59Z', -1_000_000],
    ['2000-01-01T01:00:00+01:00', 0],
    ['1999-12-31T19:00:00-05:00', 0],
    ['2000-01-01T16:00:00+15:59', 60_000_000],
    ['2026-12-07T01:00:00.123Z', (9837 * 86_400 + 3600) * 1e6 + 123_000],
    ['2024-02-29T12:00:00Z', (8825 * 86_400 + 12 * 3600) * 1e6],
    // The fraction as PostgreSQL reads it: strtod, times 10^6, rint (halves to even).
    ['2000-01-01T00:00:00.0000005Z', 0],
    ['2000-01-01T00:00:00.0000015Z', 2],
    ['2000-01-01T00:00:00.0000025Z', 2],
    ['2000-01-01T00:00:00.9999996Z', 1_000_000],
    ['2000-01-01T00:00:00.1234567890123456789Z', 123_457],
  ])('%s → %i µs', (at, us) => {
    expect(pgMicroseconds(at)).toBe(us)
  })

  it.each(['t', '2026-12-07 01:00:00Z', '2026-12-07T01:00Z', '2026-12-07T01:00:00', '2026-12-07T01:00:00+0100', '2026-12-07T01:00:0xZ', '2026-12-07T01:00:00Zz'])(
    'refuses %s, which validation would not have let through',
    (at) => {
      expect(() => pgMicroseconds(at)).toThrow('Not a validated ISO 8601 timestamp')
    },
  )
})

describe('daysFromCivil', () => {
  it.each([
    [1970, 1, 1, 0],
    [1969, 12, 31, -1],
    [2000, 1, 1, 10_957],
    [2000, 3, 1, 11_017],
    [2024, 2, 29, 19_782],
    [2100, 3, 1, 47_541],
  ])('%i-%i-%i → %i', (y, m, d, days) => {
    expect(daysFromCivil(y, m, d)).toBe(days)
    expect(days * 86_400_000).toBe(Date.UTC(y, m - 1, d))
  })
})

describe('roundHalfEven', () => {
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [2.4999, 2],
    [2.5001, 3],
    [999_999.5, 1_000_000],
    [-2.5, -2],
    [-3.5, -4],
  ])('%d → %i', (x, r) => {
    expect(roundHalfEven(x)).toBe(r)
  })
})

describe('ingestSummary', () => {
  it('names the SLIs and services of a batch once each, never values', () => {
    const at = '2026-12-07T01:00:00Z'
    expect(ingestSummary([{ sli: 'a', service: 'x', at, value: 1 }, { sli: 'a', service: 'y', at, value: 2 }])).toEqual({ slis: ['a'], services: ['x', 'y'] })
  })
})
