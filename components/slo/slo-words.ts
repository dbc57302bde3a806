/** Names of services, workflows and budgeting methods as people say them. Pure. */

/** "emergency_triage" → "emergency triage". */
export function humanize(identifier: string): string {
  return identifier.replace(/[_-]+/g, ' ').trim()
}

/** "ai-engine · emergency triage". */
export function scopeWords(service: string, workflow: string | null): string {
  return workflow ? `${service} · ${humanize(workflow)}` : service
}

export function budgetingWords(budgeting: string): string {
  return budgeting === 'timeslices' ? 'budgeted by time slices' : 'budgeted by events'
}
