/** The feedback area's words for people (client-safe): labels of enums and of the audit trail's actions. */
import type { FeedbackPriority, FeedbackSource, FeedbackStatus, FeedbackType } from './schema'

export const TYPE_LABELS: Record<FeedbackType, string> = {
  bug: 'Bug',
  suggestion: 'Suggestion',
  clinical_safety: 'Clinical safety concern',
  praise: 'Praise',
  optimization: 'Improvement task',
}
export const STATUS_LABELS: Record<FeedbackStatus, string> = {
  new: 'New',
  triaged: 'Triaged',
  in_progress: 'In progress',
  planned: 'Planned',
  done: 'Done',
  wont_do: 'Won’t do',
}
export const PRIORITY_LABELS: Record<FeedbackPriority, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' }
export const SOURCE_LABELS: Record<FeedbackSource, string> = {
  in_app: 'In app',
  email: 'E-mail',
  interviews: 'Interviews',
  automated: 'Automated',
  user_analytics: 'User analytics',
}

const ACTION_LABELS: Record<string, string> = {
  'feedback.submit': 'Received',
  'feedback.improvement_task': 'Created from analytics',
  'feedback.status': 'Status changed',
  'feedback.assign': 'Assignment changed',
  'feedback.link': 'Links changed',
  'feedback.merge': 'Merged into another item',
  'feedback.merged_into': 'Another item merged into this one',
  'feedback.safety_incident': 'Safety incident opened, safety officers notified',
  'feedback_screenshot.view': 'Screenshot viewed',
}
export const trailActionLabel = (action: string) => ACTION_LABELS[action] ?? action

/** "2 names, 1 MRN" from `{ name: 2, mrn: 1 }`; null when nothing was removed. */
export function redactionText(counts: unknown): string | null {
  if (!counts || typeof counts !== 'object') return null
  const parts = Object.entries(counts as Record<string, unknown>)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .map(([kind, n]) => `${n} ${kind.replace(/_/g, ' ')}`)
  return parts.length ? parts.join(', ') : null
}

/** The trail's summary in a line: from → to pairs and plain values, numbers as FB-/INC- labels. */
export function trailSummary(summary: unknown): string {
  if (!summary || typeof summary !== 'object') return ''
  const out: string[] = []
  for (const [k, v] of Object.entries(summary as Record<string, unknown>)) {
    if (k === 'number' || v === null || v === undefined) continue
    if (typeof v === 'object' && !Array.isArray(v) && v && 'from' in v && 'to' in v) {
      const p = v as { from: unknown; to: unknown }
      out.push(`${k}: ${String(p.from ?? 'none')} → ${String(p.to ?? 'none')}`)
    } else if (k === 'into' || k === 'from' || k === 'duplicateOf' || k === 'similarTo') out.push(`${k}: FB-${String(v)}`)
    else if (k === 'incident') out.push(`incident: INC-${String(v)}`)
    else if (typeof v === 'object') out.push(`${k}: ${JSON.stringify(v)}`)
    else out.push(`${k}: ${String(v)}`)
  }
  return out.join(' · ')
}
