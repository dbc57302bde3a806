import { describe, expect, it } from 'vitest'
import { evaluateGoals, formatGoalTable, partsFrom, summariseLoad, tally, worstPage, type DatabaseFigures, type GoalRow, type Rate } from './goals-table'

const r = (perSecond: number, p99Ms: number, errors = 0): Rate => ({ perSecond, p99Ms, errors })

/** Every part measured, every goal met on the service. */
const allMet: DatabaseFigures = {
  flags: { ping: r(900, 40), single: r(7_600, 15), bulk: r(5_700, 22) },
  alerts: { unique: r(1_250, 60), duplicates: r(5_400, 30) },
  sli: { ingestPerSecond: 80_000, copyPerSecond: 100_000, errors: 0 },
  analytics: { ingestPerSecond: 70_000, copyPerSecond: 100_000, errors: 0 },
  pages: {
    pages: [
      { path: '/', ttfbMs: 80, fullMs: 120 },
      { path: '/incidents', ttfbMs: 140, fullMs: 150 },
    ],
    noRecord: [],
  },
}
const PEER = r(1_200, 98)

const row = (rows: GoalRow[], goal: string) => rows.find((x) => x.goal === goal)!

describe('evaluateGoals', () => {
  it('meets every goal from figures at or beyond each target, with the ratios as the goals read', () => {
    const rows = evaluateGoals({ peer: PEER, service: allMet })
    expect(rows.map((x) => x.service.verdict)).toEqual(Array(12).fill('met'))
    // 5,700 ÷ 1,200 = 4.75; 22 ÷ 98 = 0.22; 7,600 ÷ 900 = 8.44; 70,000 ÷ 100,000 = 0.70 exactly (≥ is met).
    expect(row(rows, 'OFREP bulk req/s vs unleash-server').service).toEqual({ measured: '5,700 req/s (peer 1,200)', ratio: 4.75, verdict: 'met' })
    expect(row(rows, 'OFREP bulk p99 vs unleash-server').service.ratio).toBe(0.22)
    expect(row(rows, 'OFREP single vs GET /api/ping').service.ratio).toBe(8.44)
    expect(row(rows, 'analytics batch ingest vs raw COPY').service).toEqual({ measured: '70,000 rows/s (COPY 100,000)', ratio: 0.7, verdict: 'met' })
    // The worst page is /incidents: 140 ÷ 150 = 0.93 is worse than 150 ÷ 300 = 0.5.
    expect(row(rows, 'every page TTFB / full document').service).toEqual({ measured: '2 of 2 pages met; worst /incidents 140 ms / 150 ms', ratio: 0.93, verdict: 'met' })
    expect(rows.every((x) => x.embedded === undefined)).toBe(true)
  })

  it('misses a goal just past its target, and any goal whose requests had errors', () => {
    const service: DatabaseFigures = {
      ...allMet,
      // 2,399 ÷ 1,200 = 1.999: missed although it prints as 2.00.
      flags: { ping: r(900, 40), single: r(2_399, 49), bulk: r(5_700, 22, 3) },
      // p99 101 ms on duplicates: 101 ÷ 100 = 1.01.
      alerts: { unique: r(1_000, 99), duplicates: r(4_999, 101) },
    }
    const rows = evaluateGoals({ peer: PEER, service })
    expect(row(rows, 'OFREP single req/s vs unleash-server').service).toEqual({ measured: '2,399 req/s (peer 1,200)', ratio: 2, verdict: 'missed' })
    // 49 ÷ 98 = 0.5 exactly: met.
    expect(row(rows, 'OFREP single p99 vs unleash-server').service.verdict).toBe('met')
    expect(row(rows, 'OFREP bulk req/s vs unleash-server').service).toEqual({ measured: '5,700 req/s (peer 1,200) (3 errors)', ratio: 4.75, verdict: 'missed' })
    expect(row(rows, 'alerts, unique keys').service).toEqual({ measured: '1,000 alerts/s', ratio: 1, verdict: 'met' })
    expect(row(rows, 'alerts, duplicates').service.verdict).toBe('missed')
    expect(row(rows, 'alerts p99, unique / duplicates').service).toEqual({ measured: '99 ms / 101 ms', ratio: 1.01, verdict: 'missed' })
  })

  it('judges the embedded default in its own column, its unique-key rate against the service in the same run', () => {
    const embedded: DatabaseFigures = { ...allMet, alerts: { unique: r(990, 70), duplicates: r(5_100, 40) } }
    const rows = evaluateGoals({ peer: PEER, service: allMet, embedded })
    // 990 ÷ 1,250 = 0.792 < 0.8: missed, although 990 would pass a fixed 800/s.
    expect(row(rows, 'alerts, unique keys').embedded).toEqual({ measured: '990 alerts/s (PostgreSQL 1,250)', ratio: 0.79, verdict: 'missed' })
    expect(row(rows, 'alerts, unique keys').service.verdict).toBe('met')
    expect(tally(rows)).toEqual({ met: 23, missed: 1, 'not run': 0 })
  })

  it('says "not run" for parts left out and without the peer, and "missed" with the message for a part that failed', () => {
    const rows = evaluateGoals({ peer: null, service: { flags: allMet.flags, failed: { sli: 'The server exited during start-up' } } })
    expect(row(rows, 'OFREP bulk req/s vs unleash-server').service).toEqual({ measured: '5,700 req/s (no peer)', ratio: null, verdict: 'not run' })
    expect(row(rows, 'OFREP bulk vs GET /api/ping').service.verdict).toBe('met')
    expect(row(rows, 'alerts, duplicates').service).toEqual({ measured: '–', ratio: null, verdict: 'not run' })
    expect(row(rows, 'SLI batch ingest vs raw COPY').service).toEqual({ measured: 'failed: The server exited during start-up', ratio: null, verdict: 'missed' })
    expect(tally(rows)).toEqual({ met: 2, missed: 1, 'not run': 9 })
  })

  it('counts pages without a demo record and pages that did not answer 200 as not met', () => {
    const pages = {
      pages: [
        { path: '/slo', ttfbMs: 240, fullMs: 250 },
        { path: '/roadmap', ttfbMs: 0, fullMs: 0, error: 'answered 500' },
        { path: '/', ttfbMs: 90, fullMs: 100 },
      ],
      noRecord: ['/roadmap/reviews/[quarter]'],
    }
    const cell = row(evaluateGoals({ peer: PEER, service: { pages } }), 'every page TTFB / full document').service
    expect(cell).toEqual({ measured: '1 of 4 pages met; worst /roadmap answered 500; 1 without a record', ratio: null, verdict: 'missed' })
  })
})

describe('worstPage', () => {
  it('names the page furthest over either limit', () => {
    // /a: max(100/150, 290/300) = 0.97; /b: max(160/150, 200/300) = 1.07.
    const worst = worstPage([
      { path: '/a', ttfbMs: 100, fullMs: 290 },
      { path: '/b', ttfbMs: 160, fullMs: 200 },
    ])
    expect(worst?.page.path).toBe('/b')
    expect(worst?.ratio).toBeCloseTo(1.0667, 3)
    expect(worstPage([])).toBeNull()
  })
})

describe('formatGoalTable', () => {
  it('prints one line per goal with three columns per database, ratios right-aligned', () => {
    const rows = evaluateGoals({ peer: PEER, service: allMet, embedded: { ...allMet, sli: { ingestPerSecond: 60_000, copyPerSecond: 100_000, errors: 0 } } })
    const lines = formatGoalTable(rows, { service: 'PostgreSQL service', embedded: 'embedded default' })
    expect(lines).toHaveLength(13)
    expect(lines[0]).toMatch(/^goal\s+target\s+PostgreSQL service: measured \(peer\)\s+ratio\s+embedded default: measured \(peer\)\s+ratio$/)
    const sli = lines.find((l) => l.startsWith('SLI batch ingest'))!
    expect(sli).toMatch(/80,000 rows\/s \(COPY 100,000\)\s+0\.80\s+met\s+60,000 rows\/s \(COPY 100,000\)\s+0\.60\s+MISSED$/)
  })
})

describe('summariseLoad', () => {
  it('gives the start, the mean and highest over start, samples and end, and the end', () => {
    // (1 + 2 + 4 + 3) ÷ 4 = 2.5
    expect(summariseLoad(1, [2, 4], 3)).toEqual({ start: 1, mean: 2.5, max: 4, end: 3, samples: 2 })
    // rounded to hundredths: (1.234 + 1.3) ÷ 2 = 1.267 → 1.27
    expect(summariseLoad(1.234, [], 1.3)).toEqual({ start: 1.23, mean: 1.27, max: 1.3, end: 1.3, samples: 0 })
  })
})

describe('partsFrom', () => {
  it('runs every part when unset or blank, else the named ones in the suite\'s order', () => {
    expect(partsFrom(undefined)).toEqual(['flags', 'alerts', 'sli', 'analytics', 'pages'])
    expect(partsFrom(' ')).toEqual(['flags', 'alerts', 'sli', 'analytics', 'pages'])
    expect(partsFrom('pages, flags')).toEqual(['flags', 'pages'])
  })

  it('refuses an unknown part by name', () => {
    expect(() => partsFrom('flags,page')).toThrow('BENCH_GOALS_PARTS: unknown part page (parts: flags, alerts, sli, analytics, pages)')
  })
})
