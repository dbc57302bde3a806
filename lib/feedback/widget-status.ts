/**
 * What the widget tells a clinician about their own report: four words from the guide (received, in
 * review, planned, fixed), plus closed for won't-do. A merged duplicate shows its parent's status: the
 * parent is where the work happens. Pure.
 */
import type { FeedbackStatus } from './schema'

export const WIDGET_STATUSES = ['received', 'in_review', 'planned', 'fixed', 'closed'] as const
export type WidgetStatus = (typeof WIDGET_STATUSES)[number]

const BY_STATUS: Record<FeedbackStatus, WidgetStatus> = {
  new: 'received',
  triaged: 'in_review',
  in_progress: 'in_review',
  planned: 'planned',
  done: 'fixed',
  wont_do: 'closed',
}

/** The widget's word for an item, given its own status and, for a duplicate, its parent's. */
export function widgetStatusOf(status: FeedbackStatus, parentStatus: FeedbackStatus | null = null): WidgetStatus {
  return BY_STATUS[parentStatus ?? status]
}
