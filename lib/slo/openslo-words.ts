/** What applying an OpenSLO file did, in words, for the page and the CLI. Pure and client-safe. */
import type { ApplyAction, ApplyOutcome } from './manage'

const ORDER: ApplyAction[] = ['created', 'updated', 'restored', 'unchanged']

/** "Applied 3 SLOs: 1 created, 2 unchanged." — or "… unchanged." when the file matched already. */
export function applySummary(outcomes: readonly ApplyOutcome[]): string {
  const counts = ORDER.map((a) => [a, outcomes.filter((o) => o.action === a).length] as const).filter(([, n]) => n > 0)
  if (counts.length === 1 && counts[0]![0] === 'unchanged') return `Unchanged: the ${outcomes.length === 1 ? 'SLO matches' : `${outcomes.length} SLOs match`} the file.`
  return `Applied ${outcomes.length} SLO${outcomes.length === 1 ? '' : 's'}: ${counts.map(([a, n]) => `${n} ${a}`).join(', ')}.`
}

/** One line per SLO: "patient_response_time: updated (target, windowDays)". */
export function outcomeLine(o: ApplyOutcome): string {
  return `${o.key}: ${o.action}${o.changed.length ? ` (${o.changed.join(', ')})` : ''}`
}
