/**
 * "Show the workings": an alert rule's decision in plain words, from the numbers it used (burn rates per
 * window against the rule's threshold, event counts, the low-traffic guard). Pure.
 */
import { formatNumber } from '../format'
import { formatBurnRate, formatFactor } from './display'
import type { BurnWindow, RuleWorkings } from './types'

export const WINDOW_WORDS: Record<BurnWindow, string> = {
  '5m': '5 min',
  '30m': '30 min',
  '1h': '1 h',
  '2h': '2 h',
  '6h': '6 h',
  '1d': '1 d',
  '3d': '3 d',
}

const RULE_WORDS: Record<string, string> = {
  page_1h: 'Fast burn (page)',
  page_6h: 'Sustained burn (page)',
  ticket_1d: 'Slow burn (ticket)',
  ticket_3d: 'Very slow burn (ticket)',
}

/** "Fast burn (page) · 1 h and 5 min". */
export function ruleName(rule: string, long?: BurnWindow, short?: BurnWindow): string {
  const name = RULE_WORDS[rule] ?? rule
  return long && short ? `${name} · ${WINDOW_WORDS[long]} and ${WINDOW_WORDS[short]}` : name
}

export type RuleOutcome = 'fired' | 'held_back' | 'quiet'

export function ruleOutcome(r: RuleWorkings): RuleOutcome {
  if (r.fired) return 'fired'
  return r.suppressed === 'low_traffic' ? 'held_back' : 'quiet'
}

export const OUTCOME_WORDS: Record<RuleOutcome, string> = {
  fired: 'Fired',
  held_back: 'Held back (low traffic)',
  quiet: 'Did not fire',
}

const over = (rate: number | null, threshold: number) => rate !== null && rate > threshold

function burned(rate: number | null, window: BurnWindow): string {
  return rate === null ? `no budget burn to measure over ${WINDOW_WORDS[window]} (no events)` : `${formatBurnRate(rate)} over ${WINDOW_WORDS[window]}`
}

/** One or two sentences a clinician-facing executive can follow. */
export function ruleSentence(r: RuleWorkings, severity: 'page' | 'ticket' = r.severity): string {
  const long = WINDOW_WORDS[r.longWindow]
  const short = WINDOW_WORDS[r.shortWindow]
  const threshold = formatFactor(r.threshold)
  const events = `${formatNumber(r.longEvents)} events in the last ${long}`
  const action = severity === 'page' ? 'pages' : 'opens a ticket'
  if (r.fired) {
    return `Fired: the error budget burned ${burned(r.longBurnRate, r.longWindow)} and ${burned(r.shortBurnRate, r.shortWindow)}, both above ${threshold}, with ${events} (the guard needs at least ${formatNumber(r.minEvents)}).`
  }
  if (r.suppressed === 'low_traffic') {
    return `Held back: both windows burned above ${threshold} (${burned(r.longBurnRate, r.longWindow)}, ${burned(r.shortBurnRate, r.shortWindow)}), but only ${events}; the low-traffic guard needs at least ${formatNumber(r.minEvents)} before it ${action}.`
  }
  const longOver = over(r.longBurnRate, r.threshold)
  const shortOver = over(r.shortBurnRate, r.threshold)
  if (longOver && !shortOver) {
    return `Did not fire: the last ${long} burned ${formatBurnRate(r.longBurnRate)}, above ${threshold}, but the last ${short} only ${formatBurnRate(r.shortBurnRate)}: the burst has stopped, so it does not ${severity === 'page' ? 'page' : 'open a ticket'}.`
  }
  if (!longOver && shortOver) {
    return `Did not fire: the last ${short} burned ${formatBurnRate(r.shortBurnRate)}, above ${threshold}, but over ${long} only ${formatBurnRate(r.longBurnRate)}: too brief to matter yet.`
  }
  return `Did not fire: ${burned(r.longBurnRate, r.longWindow)} and ${burned(r.shortBurnRate, r.shortWindow)}; it ${action} only when both exceed ${threshold}.`
}
