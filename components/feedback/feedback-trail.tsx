import type { FeedbackDetail } from '@/lib/feedback/inbox-queries'
import { trailActionLabel, trailSummary } from '@/lib/feedback/words'
import { RelativeTime } from '@/components/ui/relative-time'

/** The item's handling step by step, from the audit log (who, when, what changed; never report text). */
export function FeedbackTrail({ trail }: { trail: FeedbackDetail['trail'] }) {
  if (trail.length === 0) return <p className="text-sm text-ink-muted">Nothing recorded yet.</p>
  return (
    <ol aria-label="Audit trail" className="space-y-2">
      {trail.map((t) => (
        <li key={t.id} className="text-sm">
          <p>
            <span className="font-medium">{trailActionLabel(t.action)}</span> <span className="text-ink-muted">by {t.actorLabel}</span> · <RelativeTime date={t.at} />
          </p>
          {trailSummary(t.summary) && <p className="text-xs break-words text-ink-muted">{trailSummary(t.summary)}</p>}
        </li>
      ))}
    </ol>
  )
}
