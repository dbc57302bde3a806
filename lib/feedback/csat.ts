/**
 * Satisfaction from the ratings clinicians give with their feedback (1–5, optional): the mean rating and
 * CSAT, the share of answers rating 4 or 5 (the usual "satisfied" top-two box). Grouped by department, app
 * version or model version, and by ISO week. A group with fewer than MIN_ANSWERS answers is not shown (its
 * figure would swing on one person and could point at them); it is counted as hidden instead. Pure.
 */
export const MIN_ANSWERS = 5
export const SATISFACTION_DIMENSIONS = ['department', 'appVersion', 'modelVersion'] as const
export type SatisfactionDimension = (typeof SATISFACTION_DIMENSIONS)[number]
export const DIMENSION_LABELS: Record<SatisfactionDimension, string> = {
  department: 'Department',
  appVersion: 'App version',
  modelVersion: 'Model version',
}

/** Rating counts as the database groups them: one row per (group, week, rating). */
export interface RatingCount {
  group: string | null
  /** Monday 00:00 UTC of the ISO week, as YYYY-MM-DD. */
  week: string
  rating: number
  n: number
}

export interface Satisfaction {
  answers: number
  /** Mean rating, 1–5. */
  mean: number
  /** Share of answers rating 4 or 5, 0–1. */
  csat: number
}

export interface WeekPoint {
  week: string
  answers: number
  /** null when the week has fewer than the minimum answers (or none). */
  csat: number | null
  mean: number | null
}

export interface SatisfactionGroup extends Satisfaction {
  group: string
  /** The group's CSAT week by week, each week hidden under the minimum like the groups. */
  weeks: WeekPoint[]
}

export interface SatisfactionReport {
  overall: Satisfaction | null
  groups: SatisfactionGroup[]
  /** Groups not shown because they have fewer than MIN_ANSWERS answers. */
  hiddenGroups: number
  /** Every week in the range (overall), hidden when under MIN_ANSWERS: null. */
  weeks: WeekPoint[]
}

/** Mean and CSAT of a list of rating counts; null when there are none. */
export function satisfactionOf(counts: readonly { rating: number; n: number }[]): Satisfaction | null {
  let answers = 0
  let sum = 0
  let satisfied = 0
  for (const c of counts) {
    answers += c.n
    sum += c.rating * c.n
    if (c.rating >= 4) satisfied += c.n
  }
  return answers === 0 ? null : { answers, mean: sum / answers, csat: satisfied / answers }
}

const NO_VALUE = '(not given)'

function weekly(rows: readonly RatingCount[], weeks: readonly string[], minAnswers: number): WeekPoint[] {
  const byWeek = new Map<string, RatingCount[]>()
  for (const r of rows) byWeek.set(r.week, [...(byWeek.get(r.week) ?? []), r])
  return weeks.map((week) => {
    const s = satisfactionOf(byWeek.get(week) ?? [])
    const shown = s !== null && s.answers >= minAnswers
    return { week, answers: s?.answers ?? 0, csat: shown ? s.csat : null, mean: shown ? s.mean : null }
  })
}

export function satisfactionReport(rows: readonly RatingCount[], weeks: readonly string[], minAnswers = MIN_ANSWERS): SatisfactionReport {
  const byGroup = new Map<string, RatingCount[]>()
  for (const r of rows) {
    const g = r.group ?? NO_VALUE
    byGroup.set(g, [...(byGroup.get(g) ?? []), r])
  }
  const groups: SatisfactionGroup[] = []
  let hiddenGroups = 0
  for (const [group, counts] of byGroup) {
    const s = satisfactionOf(counts)
    if (!s) continue
    if (s.answers < minAnswers) hiddenGroups++
    else groups.push({ group, ...s, weeks: weekly(counts, weeks, minAnswers) })
  }
  groups.sort((a, b) => b.answers - a.answers || a.group.localeCompare(b.group))
  return {
    overall: satisfactionOf(rows),
    groups,
    hiddenGroups,
    weeks: weekly(rows, weeks, minAnswers),
  }
}

/** Monday 00:00 UTC of the week holding `d`, as YYYY-MM-DD. */
export function weekStart(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day))
  return monday.toISOString().slice(0, 10)
}

/** The Mondays from the week of `from` to the week of `to`, inclusive. */
export function weeksBetween(from: Date, to: Date): string[] {
  const out: string[] = []
  const end = weekStart(to)
  for (let w = weekStart(from); w <= end; w = new Date(Date.parse(`${w}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10)) out.push(w)
  return out
}
