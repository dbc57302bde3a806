import { describe, expect, it } from 'vitest'
import { ruleName, ruleOutcome, ruleSentence } from './workings-words'
import type { RuleWorkings } from './types'

const rule = (over: Partial<RuleWorkings>): RuleWorkings => ({
  rule: 'page_1h',
  severity: 'page',
  longWindow: '1h',
  shortWindow: '5m',
  threshold: 14.4,
  longBurnRate: 0.5,
  shortBurnRate: 0.2,
  longEvents: 12_400,
  shortEvents: 1_020,
  minEvents: 100,
  fired: false,
  ...over,
})

describe('rule workings in words', () => {
  it('names rules with their windows', () => {
    expect(ruleName('page_1h', '1h', '5m')).toBe('Fast burn (page) · 1 h and 5 min')
    expect(ruleName('ticket_3d')).toBe('Very slow burn (ticket)')
    expect(ruleName('custom_rule')).toBe('custom_rule')
  })

  it('explains a rule that fired, with its numbers', () => {
    const r = rule({ longBurnRate: 15.2, shortBurnRate: 16, fired: true })
    expect(ruleOutcome(r)).toBe('fired')
    expect(ruleSentence(r)).toBe(
      'Fired: the error budget burned 15.2× over 1 h and 16.0× over 5 min, both above 14.4×, with 12,400 events in the last 1 h (the guard needs at least 100).',
    )
  })

  it('explains the low-traffic guard', () => {
    const r = rule({ longBurnRate: 30, shortBurnRate: 40, longEvents: 40, suppressed: 'low_traffic' })
    expect(ruleOutcome(r)).toBe('held_back')
    expect(ruleSentence(r)).toBe(
      'Held back: both windows burned above 14.4× (30.0× over 1 h, 40.0× over 5 min), but only 40 events in the last 1 h; the low-traffic guard needs at least 100 before it pages.',
    )
  })

  it('explains why the short window matters', () => {
    expect(ruleSentence(rule({ longBurnRate: 20, shortBurnRate: 3 }))).toBe(
      'Did not fire: the last 1 h burned 20.0×, above 14.4×, but the last 5 min only 3.00×: the burst has stopped, so it does not page.',
    )
    expect(ruleSentence(rule({ longBurnRate: 2, shortBurnRate: 30 }))).toMatch(/^Did not fire: the last 5 min burned 30.0×, above 14.4×, but over 1 h only 2.00×/)
  })

  it('says when nothing is over and when there were no events', () => {
    expect(ruleSentence(rule({ rule: 'ticket_1d', severity: 'ticket', longWindow: '1d', shortWindow: '2h', threshold: 3 }))).toBe(
      'Did not fire: 0.50× over 1 d and 0.20× over 2 h; it opens a ticket only when both exceed 3×.',
    )
    expect(ruleSentence(rule({ longBurnRate: null, shortBurnRate: null, longEvents: 0 }))).toContain('no budget burn to measure over 1 h (no events)')
    expect(ruleOutcome(rule({}))).toBe('quiet')
  })
})
