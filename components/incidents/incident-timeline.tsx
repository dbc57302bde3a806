import type { QueuedNotification, RelatedChange, TimelineEvent } from '@/lib/incidents/board-queries'
import { Icon, type IconName } from '@/components/ui/icons'
import { RelativeTime } from '@/components/ui/relative-time'
import { cn } from '@/lib/cn'
import { describeChange, describeEvent, type TimelineText } from './timeline-text'

interface Entry extends TimelineText {
  key: string
  at: Date
  actor: string
}

const TONE_CLASSES: Record<string, string> = {
  ok: 'bg-ok-bg text-ok-fg',
  critical: 'bg-critical-bg text-critical-fg',
  high: 'bg-high-bg text-high-fg',
  medium: 'bg-medium-bg text-medium-fg',
}

function entries(events: TimelineEvent[], changes: RelatedChange[], queued: QueuedNotification[]): Entry[] {
  const list: Entry[] = [
    ...events.map((e) => ({ key: `e${e.id}`, at: e.at, actor: e.actor, ...describeEvent(e.type, e.data) })),
    ...changes.map((c) => ({
      key: `c${c.id}`,
      at: c.at,
      actor: c.actor,
      icon: 'settings' as IconName,
      title: `Related change: ${describeChange(c.action, c.targetType)}`,
      detail: 'Made to this service in the 2 hours before the incident opened.',
    })),
    ...queued.map((q) => ({
      key: `q${q.id}`,
      at: q.at,
      actor: 'notification-delivery',
      icon: 'clock' as IconName,
      title: `${q.kind.charAt(0).toUpperCase()}${q.kind.slice(1)} notice to ${q.channel}: waiting to be sent`,
      detail: q.attempts > 0 ? `${q.attempts} failed attempt${q.attempts === 1 ? '' : 's'} so far` : undefined,
      tone: 'medium' as const,
    })),
  ]
  return list.sort((a, b) => a.at.getTime() - b.at.getTime())
}

/** The incident's story, oldest first: alerts, moves, notes, notices and their delivery, escalations, related changes. */
export function IncidentTimeline({ events, changes, queued }: { events: TimelineEvent[]; changes: RelatedChange[]; queued: QueuedNotification[] }) {
  const list = entries(events, changes, queued)
  if (list.length === 0) return <p className="text-sm text-ink-muted">Nothing has been recorded on this incident yet.</p>
  return (
    <ol aria-label="Timeline" className="relative space-y-4 border-l border-line pl-5">
      {list.map((e) => (
        <li key={e.key} className="relative">
          <span
            className={cn(
              'absolute top-0.5 -left-[1.95rem] flex size-6 items-center justify-center rounded-full border border-line',
              (e.tone && TONE_CLASSES[e.tone]) ?? 'bg-surface text-ink-muted',
            )}
          >
            <Icon name={e.icon} size={14} />
          </span>
          <p className="text-sm font-medium text-ink">{e.title}</p>
          {e.detail && <p className="mt-0.5 text-sm break-words whitespace-pre-line text-ink-muted">{e.detail}</p>}
          {e.warning && (
            <p className="mt-1 flex items-start gap-1.5 text-sm font-medium text-high-fg">
              <Icon name="alert" size={14} className="mt-0.5 shrink-0" />
              <span>{e.warning}</span>
            </p>
          )}
          <p className="mt-0.5 text-xs text-ink-muted">
            {e.actor} · <RelativeTime date={e.at} />
          </p>
        </li>
      ))}
    </ol>
  )
}
