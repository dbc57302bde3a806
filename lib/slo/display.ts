/**
 * How SLO figures read on screen, in reports and in e-mails: one set of pure formatters, so the overview,
 * the report page, the CSV's neighbours and the e2e test that compares the page with `GET /api/slo` agree.
 * Compliance is truncated, never rounded up, so a missed target can never read as met.
 */
import { formatDuration, formatPercent } from '../format'
import type { ChangeVerdict } from './report-data'

export const NO_DATA = 'no data'

type Status = 'ok' | 'at_risk' | 'breached'

/** Truncates toward zero at `digits` decimals of a percentage: 0.99996 → 99.99 (not 100.00). */
function truncatePercent(fraction: number, digits: number): number {
  const scale = 10 ** digits
  // The small epsilon keeps 0.29 × 100 (= 28.999…) from truncating to 28.99.
  return Math.trunc(fraction * 100 * scale + (fraction >= 0 ? 1e-7 : -1e-7)) / scale / 100
}

/** "99.87%": compliance with two decimals, truncated. */
export function formatCompliance(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NO_DATA
  return formatPercent(truncatePercent(fraction, 2), 2)
}

/** "99.9%", "95%", "100%", "99.95%": a target with only the digits it has. */
export function formatTarget(target: number): string {
  const pct = Number((target * 100).toFixed(3))
  const digits = pct === Math.trunc(pct) ? 0 : Math.min(3, String(pct).split('.')[1]!.length)
  return formatPercent(target, digits)
}

/** "34%": the share of the error budget left, truncated to whole percent; negative once overspent. */
export function formatBudgetPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NO_DATA
  return formatPercent(Math.floor(fraction * 100 + 1e-9) / 100, 0)
}

/** The budget figure of a card: a 100 % target has no budget at all, which a percentage would hide. */
export function formatBudgetLeft(target: number, fraction: number | null | undefined): string {
  return target >= 1 ? 'none' : formatBudgetPercent(fraction)
}

/** Minutes as "31 min", "2 h 5 min", "1 d 3 h", "45 s": whole minutes from one minute up. */
export function formatMinutes(minutes: number): string {
  const ms = Math.abs(minutes) * 60_000
  return formatDuration(ms >= 60_000 ? Math.floor(ms / 60_000) * 60_000 : Math.floor(ms / 1000) * 1000)
}

/** The total error budget of a window, in minutes: (1 − target) × window length. */
export function budgetMinutes(target: number, windowMinutes: number): number {
  return Math.max(0, (1 - target) * windowMinutes)
}

/** "31 min of 43 min left", "overspent by 12 min (budget 43 min)", or why there is no budget. */
export function formatBudgetTime(remainingMinutes: number | null | undefined, totalMinutes: number): string {
  if (totalMinutes <= 0) return 'no error budget: the target is 100%'
  if (remainingMinutes === null || remainingMinutes === undefined || !Number.isFinite(remainingMinutes)) return NO_DATA
  if (remainingMinutes < 0) return `overspent by ${formatMinutes(remainingMinutes)} (budget ${formatMinutes(totalMinutes)})`
  return `${formatMinutes(remainingMinutes)} of ${formatMinutes(totalMinutes)} left`
}

/** "14.4×", "0.35×", "n/a". */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 'n/a'
  const digits = rate >= 100 ? 0 : rate >= 10 ? 1 : 2
  return `${rate.toFixed(digits)}×`
}

/** A threshold or factor without trailing zeros: 14.4 → "14.4×", 6 → "6×", 0.03 → "0.03×". */
export function formatFactor(value: number): string {
  return `${Number(value.toPrecision(3))}×`
}

/** "+0.15 pp", "−0.12 pp", "0.00 pp": a change of compliance in percentage points. */
export function formatChangePp(difference: number | null | undefined): string {
  if (difference === null || difference === undefined || !Number.isFinite(difference)) return 'n/a'
  const pp = difference * 100
  if (Math.abs(pp) < 0.005) return '0.00 pp'
  return `${pp > 0 ? '+' : '−'}${Math.abs(pp).toFixed(2)} pp`
}

/** "p < 0.001", "p = 0.032". */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'not tested'
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`
}

export const VERDICT_WORDS: Record<ChangeVerdict, string> = {
  better: 'better (significant)',
  worse: 'worse (significant)',
  no_significant_change: 'no significant change',
  too_few_events: 'too few events to test',
  no_previous_data: 'no previous data',
}

/** Mean time to resolve, or why there is none. */
export function formatMttr(minutes: number | null | undefined, incidents: number): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return incidents > 0 ? 'none resolved' : 'no incidents'
  return formatMinutes(minutes)
}

export interface OverviewHeadline {
  /** The short answer to "are we keeping our promises to clinicians?" */
  answer: string
  /** "5 of 7 objectives on track · 1 at risk · 1 breached" */
  counts: string
  ok: number
  atRisk: number
  breached: number
  total: number
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export function overviewHeadline(statuses: readonly Status[]): OverviewHeadline {
  const ok = statuses.filter((s) => s === 'ok').length
  const atRisk = statuses.filter((s) => s === 'at_risk').length
  const breached = statuses.filter((s) => s === 'breached').length
  const total = statuses.length
  const parts = [`${ok} of ${plural(total, 'objective', 'objectives')} on track`]
  if (atRisk > 0) parts.push(`${atRisk} at risk`)
  if (breached > 0) parts.push(`${breached} breached`)
  const answer =
    total === 0
      ? 'No objectives are defined yet.'
      : breached > 0
        ? `Not everywhere: ${plural(breached, 'promise is', 'promises are')} broken.`
        : atRisk > 0
          ? `So far, yes, but ${plural(atRisk, 'objective needs', 'objectives need')} attention.`
          : total === 1
            ? 'Yes: the objective is on track.'
            : `Yes: all ${total} objectives are on track.`
  return { answer, counts: parts.join(' · '), ok, atRisk, breached, total }
}
