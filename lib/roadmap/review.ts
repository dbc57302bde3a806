/**
 * The quarterly roadmap review (the guide's quarterly strategic review), pure: what was planned for a
 * quarter, what of it was delivered, and what moved.
 *
 * Definitions (quarter Q = [from, to), UTC; state "at an instant" = after every event strictly before it):
 * - An item's target quarter and stage at an instant are reconstructed from its history ('quarter' events;
 *   'stage' and 'created' events): the latest event before the instant holds the value in `to`; without
 *   one, the earliest event at or after it holds it in `from`; without any, the current value still holds.
 * - Planned = items that existed at the quarter's start, targeted Q then, and were committed then (discovery,
 *   planned or in progress: ideas are not commitments, released and archived items are done); plus items
 *   created during the quarter that targeted Q and were committed just after their creation. Items moved
 *   into Q during the quarter are not planned: they are late additions, and counting them would let a plan
 *   improve by adding what was already done.
 * - Delivered = planned items with a 'stage' event to released inside the quarter.
 * - Delivery predictability = delivered ÷ planned × 100, one decimal (null when nothing was planned);
 *   the guide's target is 89.5 %.
 * - Released unplanned = items released in the quarter that were not planned for it.
 * - Stage changes, score changes ('score' events, RICE as text), items added (created in the quarter) and
 *   archived (moved to archived in the quarter) are listed as they happened.
 */
import { STAGE_LABELS, addQuarters, quarterOf, quarterRange, type Stage } from './model'

export const PREDICTABILITY_TARGET = 89.5
/** The job that stores the review (lib/jobs/roadmap-review-quarterly.ts). */
export const REVIEW_JOB = 'roadmap-review-quarterly'

/** The quarter that ended last before `now`: the one the job reviews. */
export const quarterJustEnded = (now: Date) => addQuarters(quarterOf(now), -1)
const COMMITTED: readonly string[] = ['discovery', 'planned', 'in_progress']

export interface ReviewItem {
  id: string
  number: number
  title: string
  stage: Stage
  targetQuarter: string | null
  createdAt: Date
}

export interface ReviewEvent {
  itemId: string
  kind: string
  from: string | null
  to: string | null
  by: string
  at: Date
}

export interface ReviewChange {
  itemId: string
  number: number
  title: string
  from: string | null
  to: string | null
  by: string
  at: string
}

export interface ReviewItemLine {
  itemId: string
  number: number
  title: string
  delivered: boolean
  stageNow: Stage
  targetNow: string | null
}

export interface ReviewReport {
  quarter: string
  periodFrom: string
  periodTo: string
  planned: number
  delivered: number
  predictability: number | null
  releasedUnplanned: ReviewChange[]
  items: ReviewItemLine[]
  stageChanges: ReviewChange[]
  scoreChanges: ReviewChange[]
  added: ReviewChange[]
  archived: ReviewChange[]
}

const STAGE_KINDS = ['created', 'stage']

/**
 * The value an item's field had at `at`: the `to` of its latest event before `at` (at or before, when
 * `inclusive`), else the `from` of its earliest event after it, else its current value. Creation writes
 * events with `from` null ('created' with the first stage, 'quarter' with the first target), so the state
 * just after creation is read forwards from them.
 */
function valueAt(events: readonly ReviewEvent[], kinds: readonly string[], at: Date, current: string | null, inclusive: boolean): string | null {
  const mine = events.filter((e) => kinds.includes(e.kind)).sort((a, b) => a.at.getTime() - b.at.getTime())
  const before = mine.filter((e) => (inclusive ? e.at <= at : e.at < at)).at(-1)
  if (before) return before.to
  const after = mine.find((e) => (inclusive ? e.at > at : e.at >= at))
  return after ? after.from : current
}

export function computeReview(quarter: string, items: readonly ReviewItem[], events: readonly ReviewEvent[]): ReviewReport {
  const { from, to } = quarterRange(quarter)
  const inQuarter = (d: Date) => d >= from && d < to
  const byItem = new Map<string, ReviewEvent[]>()
  for (const e of events) byItem.set(e.itemId, [...(byItem.get(e.itemId) ?? []), e])
  const itemOf = new Map(items.map((i) => [i.id, i]))

  const planned = items.filter((item) => {
    const history = byItem.get(item.id) ?? []
    // The 'created' event carries the instant the creation's other events share; the row's createdAt may differ by milliseconds.
    const createdAt = history.find((e) => e.kind === 'created')?.at ?? item.createdAt
    if (createdAt < from) {
      return valueAt(history, ['quarter'], from, item.targetQuarter, false) === quarter && COMMITTED.includes(valueAt(history, STAGE_KINDS, from, item.stage, false) ?? '')
    }
    if (!inQuarter(createdAt)) return false
    return valueAt(history, ['quarter'], createdAt, item.targetQuarter, true) === quarter && COMMITTED.includes(valueAt(history, STAGE_KINDS, createdAt, item.stage, true) ?? '')
  })
  const releasedInQuarter = (id: string) => (byItem.get(id) ?? []).some((e) => e.kind === 'stage' && e.to === 'released' && inQuarter(e.at))
  const lines: ReviewItemLine[] = planned
    .map((i) => ({ itemId: i.id, number: i.number, title: i.title, delivered: releasedInQuarter(i.id), stageNow: i.stage, targetNow: i.targetQuarter }))
    .sort((a, b) => Number(a.delivered) - Number(b.delivered) || a.number - b.number)
  const delivered = lines.filter((l) => l.delivered).length

  const change = (e: ReviewEvent): ReviewChange | null => {
    const item = itemOf.get(e.itemId)
    return item ? { itemId: item.id, number: item.number, title: item.title, from: e.from, to: e.to, by: e.by, at: e.at.toISOString() } : null
  }
  const within = [...events].filter((e) => inQuarter(e.at)).sort((a, b) => a.at.getTime() - b.at.getTime())
  const changes = (pred: (e: ReviewEvent) => boolean) => within.filter(pred).map(change).filter((c): c is ReviewChange => c !== null)
  const plannedIds = new Set(planned.map((p) => p.id))

  return {
    quarter,
    periodFrom: from.toISOString(),
    periodTo: to.toISOString(),
    planned: planned.length,
    delivered,
    predictability: planned.length === 0 ? null : Math.round((delivered / planned.length) * 1000) / 10,
    releasedUnplanned: changes((e) => e.kind === 'stage' && e.to === 'released' && !plannedIds.has(e.itemId)),
    items: lines,
    stageChanges: changes((e) => e.kind === 'stage'),
    scoreChanges: changes((e) => e.kind === 'score'),
    added: changes((e) => e.kind === 'created'),
    archived: changes((e) => e.kind === 'stage' && e.to === 'archived'),
  }
}

/** "Planned → In progress" for a stage change; other kinds show their values as they are. */
export function stageWords(value: string | null): string {
  if (value === null) return '—'
  return value in STAGE_LABELS ? STAGE_LABELS[value as Stage] : value
}
