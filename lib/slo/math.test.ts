import { describe, expect, it } from 'vitest'
import {
  AT_RISK_BUDGET,
  budgetConsumed,
  budgetRemaining,
  budgetRemainingMinutes,
  budgetSpentByBurn,
  burnRate,
  burnThresholds,
  compliance,
  errorBudget,
  errorBudgetMinutes,
  evaluateBurnRules,
  isGoodSlice,
  ruleThreshold,
  BURN_RULES,
  sloStatus,
  timesliceCounts,
  type Counts,
} from './math'
import type { BurnRates, BurnWindow } from './types'

const DAYS_30 = 30 * 1440
const rates = (r: Partial<BurnRates>): BurnRates => ({ '5m': 0, '30m': 0, '1h': 0, '2h': 0, '6h': 0, '1d': 0, '3d': 0, ...r })
const events = (n: number): Record<BurnWindow, number> => ({ '5m': n, '30m': n, '1h': n, '2h': n, '6h': n, '1d': n, '3d': n })

describe('error budget (SRE workbook worked examples)', () => {
  it.each([
    { target: 0.999, windowMinutes: DAYS_30, minutes: 43.2 },
    { target: 0.9999, windowMinutes: DAYS_30, minutes: 4.32 },
    { target: 0.99, windowMinutes: DAYS_30, minutes: 432 },
    { target: 0.99, windowMinutes: 28 * 1440, minutes: 403.2 },
    { target: 0.95, windowMinutes: DAYS_30, minutes: 2160 },
    { target: 1, windowMinutes: DAYS_30, minutes: 0 },
  ])('$target over $windowMinutes min allows $minutes min', ({ target, windowMinutes, minutes }) => {
    expect(errorBudgetMinutes(target, windowMinutes)).toBeCloseTo(minutes, 9)
  })

  it('is the fraction of events allowed to fail, never negative', () => {
    expect(errorBudget(0.999)).toBeCloseTo(0.001, 12)
    expect(errorBudget(1)).toBe(0)
  })
})

describe('burn rate = error ratio ÷ (1 − target)', () => {
  it.each([
    { counts: { good: 999, total: 1000 }, target: 0.999, rate: 1 },
    { counts: { good: 9856, total: 10000 }, target: 0.999, rate: 14.4 },
    { counts: { good: 994, total: 1000 }, target: 0.999, rate: 6 },
    { counts: { good: 997, total: 1000 }, target: 0.999, rate: 3 },
    { counts: { good: 1000, total: 1000 }, target: 0.999, rate: 0 },
    { counts: { good: 0, total: 1000 }, target: 0.99, rate: 100 },
    { counts: { good: 90, total: 100 }, target: 0.95, rate: 2 },
  ])('$counts.good/$counts.total at $target burns at $rate', ({ counts, target, rate }) => {
    expect(burnRate(counts, target)).toBeCloseTo(rate, 9)
  })

  it('has no burn rate without events', () => {
    expect(burnRate({ good: 0, total: 0 }, 0.999)).toBeNull()
    expect(compliance({ good: 0, total: 0 })).toBeNull()
  })

  it.each([
    { rate: 14.4, hours: 1, spent: 0.02 },
    { rate: 6, hours: 6, spent: 0.05 },
    { rate: 3, hours: 24, spent: 0.1 },
    { rate: 1, hours: 72, spent: 0.1 },
    { rate: 1, hours: 720, spent: 1 },
  ])('burning at $rate for $hours h spends $spent of a 30-day budget', ({ rate, hours, spent }) => {
    expect(budgetSpentByBurn(rate, hours, 720)).toBeCloseTo(spent, 12)
  })

  it('exhausts a 30-day budget at 14.4 in 50 hours', () => {
    expect(720 / 14.4).toBeCloseTo(50, 9)
    expect(budgetSpentByBurn(14.4, 50, 720)).toBeCloseTo(1, 12)
  })
})

describe('budget remaining', () => {
  it.each([
    { counts: { good: 1000, total: 1000 }, target: 0.999, consumed: 0, remaining: 1 },
    { counts: { good: 99_950, total: 100_000 }, target: 0.999, consumed: 0.5, remaining: 0.5 },
    { counts: { good: 99_900, total: 100_000 }, target: 0.999, consumed: 1, remaining: 0 },
    { counts: { good: 99_800, total: 100_000 }, target: 0.999, consumed: 2, remaining: -1 },
    { counts: { good: 0, total: 0 }, target: 0.999, consumed: 0, remaining: 1 },
    { counts: { good: 96, total: 100 }, target: 0.95, consumed: 0.8, remaining: 0.2 },
  ])('$counts.good/$counts.total at $target: $remaining left', ({ counts, target, consumed, remaining }) => {
    expect(budgetConsumed(counts, target)).toBeCloseTo(consumed, 9)
    expect(budgetRemaining(counts, target)).toBeCloseTo(remaining, 9)
  })

  it('gives the remaining budget as minutes of outage', () => {
    expect(budgetRemainingMinutes(0.5, 0.999, DAYS_30)).toBeCloseTo(21.6, 9)
    expect(budgetRemainingMinutes(-0.25, 0.999, DAYS_30)).toBeCloseTo(-10.8, 9)
  })

  it('handles a 100 % target (no budget) without dividing by zero', () => {
    expect(burnRate({ good: 500, total: 500 }, 1)).toBe(0)
    expect(burnRate({ good: 499, total: 500 }, 1)).toBe(Infinity)
    expect(budgetRemaining({ good: 500, total: 500 }, 1)).toBe(1)
    expect(budgetRemaining({ good: 499, total: 500 }, 1)).toBe(0)
    expect(budgetRemainingMinutes(1, 1, DAYS_30)).toBe(0)
  })
})

describe('timeslices', () => {
  it('judges a slice by its own ratio and ignores slices without events', () => {
    expect(isGoodSlice({ good: 19, total: 20 }, 0.95)).toBe(true)
    expect(isGoodSlice({ good: 18, total: 20 }, 0.95)).toBe(false)
    expect(isGoodSlice({ good: 0, total: 0 }, 0.95)).toBeNull()
  })

  it('keeps night-shift failures from drowning in daytime volume', () => {
    // 12 busy day slices at 0.5 % errors, 12 quiet night slices at 50 % errors, 6 empty slices.
    const day: Counts[] = Array.from({ length: 12 }, () => ({ good: 995, total: 1000 }))
    const night: Counts[] = Array.from({ length: 12 }, () => ({ good: 10, total: 20 }))
    const empty: Counts[] = Array.from({ length: 6 }, () => ({ good: 0, total: 0 }))
    const all = [...day, ...night, ...empty]
    const occurrences = all.reduce((a, s) => ({ good: a.good + s.good, total: a.total + s.total }), { good: 0, total: 0 })
    expect(compliance(occurrences)).toBeCloseTo(12_060 / 12_240, 9) // 98.5 %: the night hides
    const slices = timesliceCounts(all, 0.95)
    expect(slices).toEqual({ good: 12, total: 24 })
    expect(compliance(slices)).toBe(0.5) // half the counted slices failed
    expect(burnRate(slices, 0.99)).toBeCloseTo(50, 9)
  })
})

describe('burn-rate thresholds scale with the window', () => {
  it('gives the workbook factors for 30 days', () => {
    expect(burnThresholds(720)).toEqual({ page: [14.4, 6], ticket: [3, 1] })
  })

  it.each([
    { days: 28, page: [13.44, 5.6], ticket: [2.8, 0.933333333] },
    { days: 7, page: [3.36, 1.4], ticket: [0.7, 0.233333333] },
    { days: 31, page: [14.88, 6.2], ticket: [3.1, 1.033333333] },
  ])('$days days', ({ days, page, ticket }) => {
    const t = burnThresholds(days * 24)
    t.page.forEach((v, i) => expect(v).toBeCloseTo(page[i]!, 6))
    t.ticket.forEach((v, i) => expect(v).toBeCloseTo(ticket[i]!, 6))
  })

  it('each rule lets the same share of budget burn in its long window', () => {
    for (const rule of BURN_RULES) {
      expect(budgetSpentByBurn(ruleThreshold(rule, 672), rule.longHours, 672)).toBeCloseTo(rule.budgetFraction, 9)
    }
  })
})

describe('evaluateBurnRules', () => {
  const base = { windowHours: 720, minEvents: 100, events: events(10_000) }
  it.each([
    { name: 'quiet', r: {}, page: null, ticket: null },
    { name: 'fast burn: 1 h and 5 m above 14.4', r: { '1h': 15, '5m': 20 }, page: 'page_1h', ticket: null },
    { name: 'fast burn already over: 1 h high, 5 m recovered', r: { '1h': 15, '5m': 2 }, page: null, ticket: null },
    { name: 'exactly at 14.4 does not fire', r: { '1h': 14.4, '5m': 14.4 }, page: null, ticket: null },
    { name: 'slower burn: 6 h and 30 m above 6', r: { '6h': 7, '30m': 8 }, page: 'page_6h', ticket: null },
    { name: 'both page rules: the 1 h rule leads', r: { '1h': 20, '5m': 20, '6h': 7, '30m': 8 }, page: 'page_1h', ticket: null },
    { name: 'ticket: 1 d and 2 h above 3', r: { '1d': 3.5, '2h': 4 }, page: null, ticket: 'ticket_1d' },
    { name: 'ticket: 3 d and 6 h above 1', r: { '3d': 1.2, '6h': 1.1 }, page: null, ticket: 'ticket_3d' },
  ])('$name', ({ r, page, ticket }) => {
    const d = evaluateBurnRules({ ...base, rates: rates(r) })
    expect(d.page?.rule ?? null).toBe(page)
    expect(d.ticket?.rule ?? null).toBe(ticket)
    expect(d.rules).toHaveLength(4)
  })

  it('records the workings of every rule', () => {
    const d = evaluateBurnRules({ ...base, rates: rates({ '1h': 15, '5m': 20 }) })
    expect(d.rules[0]).toEqual({
      rule: 'page_1h',
      severity: 'page',
      longWindow: '1h',
      shortWindow: '5m',
      threshold: 14.4,
      longBurnRate: 15,
      shortBurnRate: 20,
      longEvents: 10_000,
      shortEvents: 10_000,
      minEvents: 100,
      fired: true,
    })
  })

  it('does not page on low traffic and says so', () => {
    const d = evaluateBurnRules({ ...base, events: { ...events(10_000), '1h': 40 }, rates: rates({ '1h': 50, '5m': 50 }) })
    expect(d.page).toBeNull()
    expect(d.rules[0]).toMatchObject({ fired: false, suppressed: 'low_traffic', longEvents: 40 })
  })

  it('fires on a 100 % target with any error (infinite burn) and reports the rate as null', () => {
    const d = evaluateBurnRules({ ...base, rates: rates({ '1h': Infinity, '5m': Infinity }) })
    expect(d.page?.rule).toBe('page_1h')
    expect(d.page?.longBurnRate).toBeNull()
  })

  it('uses the thresholds of the SLO window (28 days: page at 13.44)', () => {
    const d = evaluateBurnRules({ ...base, windowHours: 672, rates: rates({ '1h': 14, '5m': 14 }) })
    expect(d.page?.threshold).toBeCloseTo(13.44, 9)
  })

  it('ignores windows without events', () => {
    const d = evaluateBurnRules({ ...base, rates: rates({ '1h': null, '5m': null }) })
    expect(d.page).toBeNull()
  })
})

describe('sloStatus', () => {
  it.each([
    { c: 0.9995, target: 0.999, b: 0.5, firing: false, status: 'ok' },
    { c: null, target: 0.999, b: 1, firing: false, status: 'ok' },
    { c: 0.9995, target: 0.999, b: 0.5, firing: true, status: 'at_risk' },
    { c: 0.99912, target: 0.999, b: 0.12, firing: false, status: 'at_risk' },
    { c: 0.999, target: 0.999, b: 0, firing: false, status: 'at_risk' },
    { c: 0.998, target: 0.999, b: -1, firing: false, status: 'breached' },
    { c: 0.998, target: 0.999, b: -1, firing: true, status: 'breached' },
    { c: 0.99999, target: 1, b: 0, firing: false, status: 'breached' },
    { c: 1, target: 1, b: 1, firing: false, status: 'ok' },
  ])('compliance $c, target $target, budget $b, firing $firing → $status', ({ c, target, b, firing, status }) => {
    expect(sloStatus({ compliance: c, target, budgetRemaining: b, firing })).toBe(status)
  })

  it('is at risk below a quarter of the budget', () => {
    expect(AT_RISK_BUDGET).toBe(0.25)
    expect(sloStatus({ compliance: 0.99976, target: 0.999, budgetRemaining: 0.24, firing: false })).toBe('at_risk')
    expect(sloStatus({ compliance: 0.99975, target: 0.999, budgetRemaining: 0.25, firing: false })).toBe('ok')
  })
})
