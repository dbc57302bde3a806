import { describe, expect, it } from 'vitest'
import {
  benjaminiHochberg,
  dropOffsOf,
  findDropOffIncreases,
  insightPriority,
  testDropOffIncrease,
  upperNormalPValue,
  type SeriesCounts,
} from './insight-stats'

const K = 11

describe('upperNormalPValue', () => {
  it('is the one-sided normal tail', () => {
    expect(upperNormalPValue(0)).toBeCloseTo(0.5, 12)
    // z_0.95 = 1.6449: 5 % above, 95 % above its negative.
    expect(upperNormalPValue(1.6448536269514722)).toBeCloseTo(0.05, 10)
    expect(upperNormalPValue(-1.6448536269514722)).toBeCloseTo(0.95, 10)
    expect(upperNormalPValue(2.3263478740408408)).toBeCloseTo(0.01, 10)
    // The far tail does not round to 0 (1 − Φ(10) = 7.62e−24).
    expect(upperNormalPValue(10)).toBeCloseTo(7.619853024160527e-24, 30)
  })
})

describe('dropOffsOf', () => {
  it('turns people per step into base and lost per step from step 2', () => {
    // 120 opened, 100 saw the AI differential, 60 reviewed it, 58 recorded a diagnosis.
    expect(dropOffsOf([120, 100, 60, 58])).toEqual([
      { base: 120, lost: 20 },
      { base: 100, lost: 40 },
      { base: 60, lost: 2 },
    ])
  })
})

describe('testDropOffIncrease', () => {
  it('worked example: 20 % → 35 % of 100 each week', () => {
    // p̄ = 55/200 = 0.275; se = √(0.275 × 0.725 × (1/100 + 1/100)) = 0.063147; z = 0.15 / 0.063147 = 2.3754;
    // one-sided p = 1 − Φ(2.3754) = 0.00876. Excess: 35 − 100 × 0.20 = 15 people.
    const t = testDropOffIncrease({ base: 100, lost: 20 }, { base: 100, lost: 35 }, K)
    expect(t).toMatchObject({ tested: true, previousRate: 0.2, currentRate: 0.35, excessLost: 15 })
    if (!t.tested) throw new Error('tested')
    expect(t.increasePp).toBeCloseTo(15, 10)
    expect(t.z).toBeCloseTo(2.37542, 4)
    expect(t.pValue).toBeCloseTo(0.008764, 5)
  })

  it('worked example: 20 % → 25 % of about 200 is not significant on its own', () => {
    // p̄ = 85/380 = 0.22368; se = √(0.22368 × 0.77632 × (1/200 + 1/180)) = 0.042814; z = 0.05 / 0.042814 = 1.1679.
    const t = testDropOffIncrease({ base: 200, lost: 40 }, { base: 180, lost: 45 }, K)
    if (!t.tested) throw new Error('tested')
    expect(t.z).toBeCloseTo(1.16786, 4)
    expect(t.pValue).toBeCloseTo(0.12143, 4)
    expect(t.excessLost).toBe(9)
  })

  it('a fall in drop-off gives a negative z and a p-value above one half', () => {
    const t = testDropOffIncrease({ base: 100, lost: 35 }, { base: 100, lost: 20 }, K)
    if (!t.tested) throw new Error('tested')
    expect(t.z).toBeCloseTo(-2.37542, 4)
    expect(t.pValue).toBeCloseTo(1 - 0.008764, 5)
  })

  it('skips small samples, thin expected counts and rates with no variance', () => {
    expect(testDropOffIncrease({ base: 29, lost: 5 }, { base: 100, lost: 50 }, K)).toEqual({ tested: false, reason: 'small_sample' })
    expect(testDropOffIncrease({ base: 100, lost: 5 }, { base: 29, lost: 20 }, K)).toEqual({ tested: false, reason: 'small_sample' })
    // A k above 30 raises the minimum with it.
    expect(testDropOffIncrease({ base: 35, lost: 10 }, { base: 35, lost: 20 }, 40)).toEqual({ tested: false, reason: 'small_sample' })
    // 3 lost of 60 in all: 1.5 expected lost per period, too few for the normal approximation.
    expect(testDropOffIncrease({ base: 30, lost: 0 }, { base: 30, lost: 3 }, K)).toEqual({ tested: false, reason: 'small_sample' })
    expect(testDropOffIncrease({ base: 50, lost: 0 }, { base: 50, lost: 0 }, K)).toEqual({ tested: false, reason: 'no_variance' })
    expect(testDropOffIncrease({ base: 50, lost: 50 }, { base: 50, lost: 50 }, K)).toEqual({ tested: false, reason: 'no_variance' })
  })
})

describe('benjaminiHochberg', () => {
  it('worked example: four of five below 0.05, one survives the correction', () => {
    // Sorted: 0.001, 0.03, 0.04, 0.045, 0.2 → m·p/rank = 0.005, 0.075, 0.0667, 0.05625, 0.2; running minimum
    // from the largest rank down gives q = 0.005, 0.05625, 0.05625, 0.05625, 0.2.
    const r = benjaminiHochberg([0.04, 0.001, 0.2, 0.03, 0.045])
    expect(r.adjusted.map((q) => Number(q.toFixed(5)))).toEqual([0.05625, 0.005, 0.2, 0.05625, 0.05625])
    expect(r.rejected).toEqual([false, true, false, false, false])
  })

  it('rejects everything up to the largest rank under its threshold', () => {
    // Thresholds i × 0.05 / 4 = 0.0125, 0.025, 0.0375, 0.05: 0.04 ≤ 0.05 at rank 4 carries all four.
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005])).toEqual({ adjusted: [0.02, 0.04, 0.04, 0.02], rejected: [true, true, true, true] })
    expect(benjaminiHochberg([0.01, 0.02, 0.03, 0.5]).rejected).toEqual([true, true, true, false])
    expect(benjaminiHochberg([])).toEqual({ adjusted: [], rejected: [] })
    expect(benjaminiHochberg([0.9]).adjusted).toEqual([0.9])
  })
})

describe('insightPriority', () => {
  it.each([
    [15, 15, 'high'],
    [10, 10, 'high'],
    [4, 60, 'high'],
    [10, 9, 'medium'],
    [6, 5, 'medium'],
    [2, 25, 'medium'],
    [4, 12, 'low'],
    [20, 4, 'low'],
  ] as const)('+%d pp affecting %d people is %s', (pp, people, priority) => {
    expect(insightPriority(pp, people)).toBe(priority)
  })
})

describe('findDropOffIncreases', () => {
  const series = (department: string, previousUsers: number[], currentUsers: number[]): SeriesCounts => ({
    workflowKey: 'emergency_triage',
    department,
    labels: ['Triage started', 'Vitals recorded', 'AI score viewed', 'Level assigned'],
    previousUsers,
    currentUsers,
  })

  it('finds the one step that got worse, in the department where it did, and corrects across all tests', () => {
    const result = findDropOffIncreases(
      [
        // Whole hospital: step 3 went from 15 % to 20 % lost (z ≈ 2.2, p ≈ 0.014 alone).
        series('', [1000, 900, 765, 700], [1000, 900, 720, 660]),
        // Emergency: step 3 from 15 % to 35 % lost of 200.
        series('Emergency', [240, 200, 170, 160], [240, 200, 130, 122]),
        // Cardiology: unchanged.
        series('Cardiology', [120, 100, 85, 80], [120, 100, 85, 80]),
        // Too few people to test.
        series('Oncology', [25, 20, 15, 14], [25, 20, 5, 5]),
      ],
      K,
    )
    expect(result.skipped).toBe(3)
    expect(result.tests).toBe(9)
    expect(result.findings.map((f) => [f.department, f.step, f.priority])).toEqual([
      ['Emergency', 3, 'high'],
      // +5 pp and 45 people beyond the old rate: medium (high needs 10 pp, or 3 pp and 50 people).
      ['', 3, 'medium'],
    ])
    const ed = result.findings[0]!
    expect(ed).toMatchObject({ stepLabel: 'AI score viewed', previous: { base: 200, lost: 30 }, current: { base: 200, lost: 70 }, excessLost: 40 })
    expect(ed.increasePp).toBeCloseTo(20, 10)
    expect(ed.qValue).toBeGreaterThanOrEqual(ed.pValue)
  })

  it('finds nothing when nothing changed, or when things improved', () => {
    const same = findDropOffIncreases([series('', [500, 450, 400, 380], [500, 450, 400, 380])], K)
    expect(same).toEqual({ findings: [], tests: 3, skipped: 0 })
    const better = findDropOffIncreases([series('', [500, 450, 300, 280], [500, 450, 420, 400])], K)
    expect(better.findings).toEqual([])
  })
})
