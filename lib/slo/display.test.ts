import { describe, expect, it } from 'vitest'
import {
  budgetMinutes,
  formatBudgetLeft,
  formatBudgetPercent,
  formatBudgetTime,
  formatBurnRate,
  formatFactor,
  formatChangePp,
  formatCompliance,
  formatMinutes,
  formatMttr,
  formatPValue,
  formatTarget,
  overviewHeadline,
} from './display'

describe('formatCompliance truncates, so a missed target never reads as met', () => {
  it.each<[number | null, string]>([
    [0.9987, '99.87%'],
    [0.99996, '99.99%'],
    [0.99899, '99.89%'],
    [1, '100.00%'],
    [0.29, '29.00%'],
    [0.5, '50.00%'],
    [0, '0.00%'],
    [null, 'no data'],
    [Number.NaN, 'no data'],
  ])('%s → %s', (value, text) => expect(formatCompliance(value)).toBe(text))
})

describe('formatTarget', () => {
  it.each([
    [0.999, '99.9%'],
    [0.95, '95%'],
    [1, '100%'],
    [0.9995, '99.95%'],
    [0.99995, '99.995%'],
  ])('%s → %s', (value, text) => expect(formatTarget(value)).toBe(text))
})

describe('error budget', () => {
  it('percent left is truncated to whole percent and may go negative', () => {
    expect(formatBudgetPercent(0.349)).toBe('34%')
    expect(formatBudgetPercent(1)).toBe('100%')
    expect(formatBudgetPercent(0.07)).toBe('7%')
    expect(formatBudgetPercent(-0.121)).toBe('-13%')
    expect(formatBudgetPercent(null)).toBe('no data')
    expect(formatBudgetLeft(0.999, 0.5)).toBe('50%')
    expect(formatBudgetLeft(1, 1)).toBe('none')
  })

  it('a 30-day window at 99.9 % holds 43.2 minutes of budget', () => {
    expect(budgetMinutes(0.999, 30 * 1440)).toBeCloseTo(43.2, 9)
    expect(budgetMinutes(1, 30 * 1440)).toBe(0)
  })

  it.each<[number | null, number, string]>([
    [31.4, 43.2, '31 min of 43 min left'],
    [0.75, 4.32, '45 s of 4 min left'],
    [1500, 2160, '1 d 1 h of 1 d 12 h left'],
    [-12.5, 43.2, 'overspent by 12 min (budget 43 min)'],
    [0, 0, 'no error budget: the target is 100%'],
    [null, 43.2, 'no data'],
  ])('%s of %s minutes → %s', (remaining, total, text) => expect(formatBudgetTime(remaining, total)).toBe(text))

  it('formats minutes in the two largest units', () => {
    expect(formatMinutes(125)).toBe('2 h 5 min')
    expect(formatMinutes(0.5)).toBe('30 s')
  })
})

describe('burn rates, changes and tests', () => {
  it.each<[number | null, string]>([
    [14.4, '14.4×'],
    [0.345, '0.34×'],
    [120.6, '121×'],
    [null, 'n/a'],
  ])('burn rate %s → %s', (value, text) => expect(formatBurnRate(value)).toBe(text))

  it.each<[number | null, string]>([
    [0.0015, '+0.15 pp'],
    [-0.0012, '−0.12 pp'],
    [0.00001, '0.00 pp'],
    [null, 'n/a'],
  ])('change %s → %s', (value, text) => expect(formatChangePp(value)).toBe(text))

  it('factors drop trailing zeros', () => {
    expect([14.4, 6, 3, 1, 0.03, 21].map(formatFactor)).toEqual(['14.4×', '6×', '3×', '1×', '0.03×', '21×'])
  })

  it('p-values', () => {
    expect(formatPValue(0.0321)).toBe('p = 0.032')
    expect(formatPValue(1e-9)).toBe('p < 0.001')
    expect(formatPValue(null)).toBe('not tested')
  })

  it('MTTR says why it is missing', () => {
    expect(formatMttr(42.4, 2)).toBe('42 min')
    expect(formatMttr(null, 0)).toBe('no incidents')
    expect(formatMttr(null, 1)).toBe('none resolved')
  })
})

describe('overview', () => {
  it.each<[Array<'ok' | 'at_risk' | 'breached'>, string, string]>([
    [['ok', 'ok', 'ok', 'ok', 'ok', 'at_risk', 'breached'], '5 of 7 objectives on track · 1 at risk · 1 breached', 'Not everywhere: 1 promise is broken.'],
    [['ok', 'at_risk', 'at_risk'], '1 of 3 objectives on track · 2 at risk', 'So far, yes, but 2 objectives need attention.'],
    [['ok', 'ok'], '2 of 2 objectives on track', 'Yes: all 2 objectives are on track.'],
    [['ok'], '1 of 1 objective on track', 'Yes: the objective is on track.'],
    [['breached', 'breached'], '0 of 2 objectives on track · 2 breached', 'Not everywhere: 2 promises are broken.'],
    [[], '0 of 0 objectives on track', 'No objectives are defined yet.'],
  ])('headline of %j', (statuses, counts, answer) => {
    const h = overviewHeadline(statuses)
    expect(h.counts).toBe(counts)
    expect(h.answer).toBe(answer)
    expect(h.ok + h.atRisk + h.breached).toBe(statuses.length)
  })
})
