import { describe, expect, it } from 'vitest'
import { funnelBreakdownSql, packExclusions, timeToConvertEdges, type EngineQuery } from './funnel-engine'

const MIN = 60_000

describe('packExclusions', () => {
  it.each([
    [[], 0],
    [[{ afterStep: 1, beforeStep: 2 }], 1 + 16 * 2],
    [[{ afterStep: 1, beforeStep: 2 }, { afterStep: 2, beforeStep: 3 }], 33 + (2 + 48) * 256],
    // The fifth exclusion sits in bits 32–39, past JavaScript's 32-bit shifts.
    [[{ afterStep: 1, beforeStep: 2 }, { afterStep: 1, beforeStep: 2 }, { afterStep: 1, beforeStep: 2 }, { afterStep: 1, beforeStep: 2 }, { afterStep: 9, beforeStep: 10 }], 33 * (1 + 2 ** 8 + 2 ** 16 + 2 ** 24) + (9 + 160) * 2 ** 32],
  ])('%j → %d', (exclusions, packed) => {
    expect(packExclusions(exclusions)).toBe(packed)
  })
})

describe('timeToConvertEdges', () => {
  it.each([
    [30 * MIN, [0, 1, 5, 15].map((m) => m * MIN)],
    [60 * MIN, [0, 1, 5, 15, 30].map((m) => m * MIN)],
    [61 * MIN, [0, 1, 5, 15, 30, 60].map((m) => m * MIN)],
    [1000, [0]],
  ])('window %d ms', (windowMs, edges) => {
    expect(timeToConvertEdges(windowMs)).toEqual(edges)
  })
})

describe('funnelBreakdownSql', () => {
  const base: EngineQuery = { steps: [{ event: 'a', filters: {} }, { event: 'b', filters: { ai: true } }], from: new Date('2030-01-01T00:00:00Z'), to: new Date('2030-01-02T00:00:00Z'), conversionWindowMs: 3_600_000 }

  it('passes every event name and filter as a parameter, never in the text', () => {
    const { text, values } = funnelBreakdownSql({ ...base, exclusions: [{ event: "x'; DROP", filters: {}, afterStep: 1, beforeStep: 2 }] })
    expect(text).not.toContain('DROP')
    expect(values).toContainEqual(['a', 'b', "x'; DROP"])
    expect(values).toContain(JSON.stringify({ ai: true }))
  })

  it('groups by the breakdown only when there is one', () => {
    expect(funnelBreakdownSql(base).text).not.toContain('GROUPING SETS')
    expect(funnelBreakdownSql({ ...base, breakdown: { kind: 'site' } }).text).toContain('e."site" AS dim')
    expect(funnelBreakdownSql({ ...base, breakdown: { kind: 'flag', experiment: 'e' } }, '00000000-0000-0000-0000-000000000000').text).toContain('"ExperimentEvent"')
  })
})
