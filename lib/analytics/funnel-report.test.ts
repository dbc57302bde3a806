import { describe, expect, it } from 'vitest'
import type { RawSeries } from './funnel-engine'
import { FunnelQuery } from './funnel-query'
import { toFunnelReport } from './funnel-report'

const query = FunnelQuery.parse({ steps: [{ event: 'a' }, { event: 'b' }, { event: 'c' }], from: '2030-01-01T00:00:00Z', to: '2030-01-08T00:00:00Z', conversionWindowMs: 3_600_000 })

function raw(key: string, users: number[], medians: (number | null)[] = [null, 60_000, 120_000], ttc = { medianMs: 180_000, p90Ms: 300_000 }): RawSeries {
  return {
    key,
    started: users[0]!,
    completed: users.at(-1)!,
    steps: users.map((u, i) => ({ step: i + 1, event: 'abc'[i]!, label: 'abc'[i]!, users: u, medianFromPreviousMs: medians[i] ?? null })),
    timeToConvert: { buckets: [{ fromMs: 0, toMs: 60_000, users: 5 }, { fromMs: 60_000, toMs: 3_600_000, users: users.at(-1)! - 5 }], ...ttc },
  }
}

describe('toFunnelReport (k = 11)', () => {
  it('shows counts of 11 or more, and rates and drop-offs from them', () => {
    const r = toFunnelReport(query, { overall: raw('all', [100, 40, 25]), groups: [] }, 11)
    expect(r.overall).toMatchObject({ key: 'all', started: 100, completed: 25 })
    expect(r.overall.steps.map((s) => [s.users, s.conversion, s.stepConversion, s.dropOff, s.medianFromPreviousMs])).toEqual([
      [100, 1, 1, 0, null],
      [40, 0.4, 0.4, 60, 60_000],
      [25, 0.25, 0.625, 15, 120_000],
    ])
    expect(r.timeToConvert).toEqual({ buckets: [{ fromMs: 0, toMs: 60_000, users: null }, { fromMs: 60_000, toMs: 3_600_000, users: 20 }], medianMs: 180_000, p90Ms: 300_000 })
    expect(r).toMatchObject({ minGroupSize: 11, groups: [], hiddenGroups: 0 })
  })

  it('suppresses 1–10 people, the rates and drop-offs that would give them back, and medians over them', () => {
    const r = toFunnelReport(query, { overall: raw('all', [30, 12, 8]), groups: [] }, 11)
    expect(r.overall.steps.map((s) => [s.users, s.conversion, s.stepConversion, s.dropOff, s.medianFromPreviousMs])).toEqual([
      [30, 1, 1, 0, null],
      [12, 0.4, 0.4, 18, 60_000],
      [null, null, null, null, null], // 8 reached it, so 4 were lost: both hidden
    ])
    expect(r.overall.completed).toBeNull()
    expect(r.timeToConvert).toMatchObject({ medianMs: null, p90Ms: null })
  })

  it('hides a drop-off of fewer than 11 even when both ends show, and keeps zero', () => {
    const r = toFunnelReport(query, { overall: raw('all', [50, 45, 45]), groups: [] }, 11)
    expect(r.overall.steps.map((s) => s.dropOff)).toEqual([0, null, 0])
  })

  it('leaves out groups with fewer than k starters and counts them', () => {
    const groups = [raw('icu', [40, 20, 11]), raw('er', [11, 11, 0]), raw('ward 3', [10, 10, 10]), raw('(none)', [1, 0, 0])]
    const r = toFunnelReport(query, { overall: raw('all', [62, 41, 21]), groups }, 11)
    expect(r.groups.map((g) => [g.key, g.steps.map((s) => s.users)])).toEqual([
      ['icu', [40, 20, 11]],
      ['er', [11, 11, 0]],
    ])
    expect(r.groups[1]!.steps[2]!.conversion).toBe(0)
    expect(r.hiddenGroups).toBe(2)
  })
})
