import { formatNumber, formatPercent } from '@/lib/format'

/**
 * A count of people, or the words for one that k-anonymity suppressed: "<11" on screen, "fewer than 11
 * people (suppressed)" for a screen reader, with the reason on hover.
 */
export function PeopleCount({ value, k }: { value: number | null; k: number }) {
  if (value !== null) return <>{formatNumber(value)}</>
  return (
    <span title={`Fewer than ${k} people: hidden so that nobody in a small group can be recognised`}>
      <span aria-hidden="true">&lt;{k}</span>
      <span className="sr-only">fewer than {k} people (suppressed)</span>
    </span>
  )
}

/** A rate of people, suppressed with its count. */
export function PeopleRate({ value, k, digits = 1 }: { value: number | null; k: number; digits?: number }) {
  if (value !== null) return <>{formatPercent(value, digits)}</>
  return (
    <span title={`Computed from fewer than ${k} people: hidden`}>
      <span aria-hidden="true">–</span>
      <span className="sr-only">suppressed</span>
    </span>
  )
}

/** The one-line explanation shown under any table or chart with suppressed cells. */
export function SuppressionNote({ k }: { k: number }) {
  return (
    <p className="text-xs text-ink-muted">
      Figures for fewer than {k} people are shown as “&lt;{k}” (k-anonymity), so that nobody in a small department can be
      recognised; the same cells are empty in CSV exports.
    </p>
  )
}
