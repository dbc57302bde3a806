/** Severity scale and the mappings from the peers' severity words. Pure. */
import type { Severity } from '@/lib/severity'

const ALERTMANAGER_WORDS: Record<string, Severity> = {
  critical: 'critical',
  page: 'critical',
  p1: 'critical',
  high: 'high',
  error: 'high',
  p2: 'high',
  warning: 'medium',
  warn: 'medium',
  medium: 'medium',
  p3: 'medium',
  low: 'low',
  p4: 'low',
  info: 'info',
  none: 'info',
  p5: 'info',
}

/**
 * Maps an Alertmanager `severity` label. An unknown or missing word maps to medium: loud enough to be
 * seen, not so loud that a typo in a rule pages someone at night.
 */
export function severityFromLabel(label: string | undefined | null): Severity {
  if (!label) return 'medium'
  return ALERTMANAGER_WORDS[label.trim().toLowerCase()] ?? 'medium'
}

const PAGERDUTY_WORDS: Record<string, Severity> = { critical: 'critical', error: 'high', warning: 'medium', info: 'info' }

/** Maps a PagerDuty Events v2 severity (critical | error | warning | info). */
export function severityFromPagerDuty(word: string): Severity {
  return PAGERDUTY_WORDS[word.trim().toLowerCase()] ?? 'medium'
}

/** Back to PagerDuty's words, for the outbound PagerDuty channel. */
export function severityToPagerDuty(s: Severity): 'critical' | 'error' | 'warning' | 'info' {
  return s === 'critical' ? 'critical' : s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'info'
}
