/**
 * What an inbox row shows, as plain values (client-safe): the summary line, the SLA timer in words, the
 * redaction counts, the duplicates and departments, and for improvement tasks the funnel they came from.
 */
import type { FeedbackPriority, FeedbackStatus, FeedbackType } from './schema'
import { slaTimer, type SlaTimer } from './sla-timer'
import { redactionText } from './words'

export interface InboxItem {
  id: string
  number: number
  type: FeedbackType
  status: FeedbackStatus
  priority: FeedbackPriority
  priorityReason: string
  safetyConcern: boolean
  safetyCue: string | null
  summary: string
  redactions: string | null
  duplicateCount: number
  affectedDepartments: string[]
  sla: SlaTimer
  slaDueAt: Date
  assignee: { id: string; name: string } | null
  incident: { id: string; number: number } | null
  link: string | null
  workflow: string | null
  step: number | null
}

const SUMMARY_MAX = 140

/** The title, else the first line of the description, cut at a word near 140 characters. */
export function summaryOf(title: string | null, description: string): string {
  const line = (title ?? description).split('\n').find((l) => l.trim())?.trim() ?? ''
  if (line.length <= SUMMARY_MAX) return line
  const cut = line.slice(0, SUMMARY_MAX)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SUMMARY_MAX - 20))}…`
}

export interface InboxRowInput {
  id: string
  number: number
  type: FeedbackType
  status: FeedbackStatus
  priority: FeedbackPriority
  priorityReason: string
  safetyConcern: boolean
  safetyCue: string | null
  title: string | null
  description: string
  redactions: unknown
  duplicateCount: number
  affectedDepartments: string[]
  slaDueAt: Date
  triagedAt: Date | null
  assignee: { id: string; name: string } | null
  incident: { id: string; number: number } | null
  link: string | null
  workflowKey: string | null
  workflowStep: number | null
}

export function toInboxItem(r: InboxRowInput, now: Date): InboxItem {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    status: r.status,
    priority: r.priority,
    priorityReason: r.priorityReason,
    safetyConcern: r.safetyConcern,
    safetyCue: r.safetyCue,
    summary: summaryOf(r.title, r.description),
    redactions: redactionText(r.redactions),
    duplicateCount: r.duplicateCount,
    affectedDepartments: r.affectedDepartments,
    sla: slaTimer(r.slaDueAt, r.triagedAt, now),
    slaDueAt: r.slaDueAt,
    assignee: r.assignee,
    incident: r.incident ? { id: r.incident.id, number: r.incident.number } : null,
    link: r.link,
    workflow: r.workflowKey,
    step: r.workflowStep,
  }
}
