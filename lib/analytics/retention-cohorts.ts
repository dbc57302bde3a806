/**
 * Weekly retention cohorts, the pure part (PostHog's retention table): people grouped by the ISO week of
 * their first event (the cohort), and for each later week N the share of the cohort with an event in week
 * N. The counting is SQL (retention-query.ts); this shapes its counts into the table the page and the CSV
 * show, applying k-anonymity per cell.
 *
 * - A cohort of 1 to k−1 people is hidden whole (its size, and every cell with it).
 * - A cell of 1 to k−1 retained people is hidden, and its rate with it.
 * - Weeks a cohort has not reached yet are absent, not 0 %; the current week is still running, so its
 *   cells are marked in progress (they can only grow).
 * - The mean row weighs each week by cohort size over the cells shown and complete: cells hidden for
 *   k-anonymity stay out of it, or the mean and the cells shown would give them back.
 */
import { DEFAULT_MIN_GROUP_SIZE, suppressedRate, suppressSmall } from './k-anonymity'
import { isoWeekLabel } from './trends-dates'

/** A row of the retention query: a cohort's size (week null) or its people retained in week N. */
export interface CohortCount {
  /** Monday of the cohort's ISO week, "YYYY-MM-DD". */
  cohort: string
  week: number | null
  users: number
}

export type CellState = 'shown' | 'suppressed' | 'in progress'

export interface RetentionCell {
  week: number
  /** null when suppressed. */
  users: number | null
  rate: number | null
  state: CellState
}

export interface CohortRow {
  cohort: string
  isoWeek: string
  /** null when the cohort is smaller than k. */
  size: number | null
  /** Weeks 0 … the last week it has reached (the current week). */
  cells: RetentionCell[]
}

export interface RetentionTable {
  /** Mondays of the window's weeks, oldest first; the last is the current week. */
  weeks: string[]
  cohorts: CohortRow[]
  /** Per week N, the size-weighted rate over the complete cells shown; null where none. */
  mean: (number | null)[]
}

/**
 * `weeks`: the Mondays of the window, the current week last. Every week of the window has a row (an empty
 * cohort shows as 0 people, which hides nobody).
 */
export function shapeRetention(counts: readonly CohortCount[], weeks: readonly string[], k = DEFAULT_MIN_GROUP_SIZE): RetentionTable {
  const current = weeks.length - 1
  const sizes = new Map<string, number>()
  const retained = new Map<string, number>()
  for (const c of counts) {
    if (c.week === null) sizes.set(c.cohort, c.users)
    else retained.set(`${c.cohort}#${c.week}`, c.users)
  }
  const sums = weeks.map(() => ({ users: 0, size: 0 }))
  const cohorts = weeks.map((cohort, index): CohortRow => {
    const rawSize = sizes.get(cohort) ?? 0
    const size = suppressSmall(rawSize, k)
    const reached = current - index
    const cells = Array.from({ length: reached + 1 }, (_, week): RetentionCell => {
      const users = retained.get(`${cohort}#${week}`) ?? 0
      const inProgress = week === reached
      const shownUsers = size === null ? null : suppressSmall(users, k)
      const rate = shownUsers === null ? null : suppressedRate(users, rawSize, k)
      if (!inProgress && shownUsers !== null && rawSize > 0) {
        sums[week]!.users += users
        sums[week]!.size += rawSize
      }
      return { week, users: shownUsers, rate, state: shownUsers === null ? 'suppressed' : inProgress ? 'in progress' : 'shown' }
    })
    return { cohort, isoWeek: isoWeekLabel(cohort), size, cells }
  })
  return { weeks: [...weeks], cohorts, mean: sums.map((s) => (s.size > 0 ? s.users / s.size : null)) }
}

