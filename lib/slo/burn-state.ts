/** From burn-window sums to rates, rule decisions and the workings stored with a violation. Pure. */
import { burnRate, evaluateBurnRules, finiteOrNull, type BurnDecision } from './math'
import { BURN_WINDOWS, type BurnRates, type BurnWindow, type RuleWorkings, type ViolationWorkings } from './types'
import type { Sums } from './sums'

export interface BurnState {
  /** Infinity where a 100 % target saw errors. */
  rates: BurnRates
  events: Record<BurnWindow, number>
  windowHours: number
  decision: BurnDecision
}

export function burnState(
  slo: { target: number; minEvents: number },
  byWindow: Record<BurnWindow, Sums>,
  windowHours: number,
): BurnState {
  const rates = Object.fromEntries(BURN_WINDOWS.map((w) => [w, burnRate(byWindow[w], slo.target)])) as BurnRates
  const events = Object.fromEntries(BURN_WINDOWS.map((w) => [w, byWindow[w].events])) as Record<BurnWindow, number>
  return { rates, events, windowHours, decision: evaluateBurnRules({ rates, events, windowHours, minEvents: slo.minEvents }) }
}

/** Rates for JSON: Infinity (no budget) becomes null, like "no events"; the UI shows n/a. */
export function publicRates(rates: BurnRates): BurnRates {
  return Object.fromEntries(BURN_WINDOWS.map((w) => [w, finiteOrNull(rates[w])])) as BurnRates
}

export function workingsOf(slo: { target: number }, state: BurnState, at: Date): ViolationWorkings {
  return {
    target: slo.target,
    windowHours: state.windowHours,
    evaluatedAt: at.toISOString(),
    burnRates: publicRates(state.rates),
    events: state.events,
    rules: state.decision.rules,
  }
}

/** What an SLO's owner switched on (issue 12): an archived SLO raises nothing; page and ticket alerts each have a switch. */
export interface AlertSwitches {
  archivedAt: Date | null
  pageEnabled: boolean
  ticketEnabled: boolean
}

/** The rules that act on a decision: a switched-off kind neither opens a violation nor keeps one open. */
export function actingRules(slo: AlertSwitches, decision: Pick<BurnDecision, 'page' | 'ticket'>): { page: RuleWorkings | null; ticket: RuleWorkings | null } {
  const live = slo.archivedAt === null
  return { page: live && slo.pageEnabled ? decision.page : null, ticket: live && slo.ticketEnabled ? decision.ticket : null }
}
