import type { FlagEventView } from '@/lib/flags/queries'
import type { FlagEventType, JsonValue } from '@/lib/flags/schema'
import { Badge, type BadgeTone } from '@/components/ui/badge'
import type { IconName } from '@/components/ui/icons'
import { RelativeTime } from '@/components/ui/relative-time'
import { environmentLabel } from './labels'

const TITLES: Partial<Record<FlagEventType, string>> = {
  created: 'Flag created',
  updated: 'Details changed',
  environment_updated: 'Configuration changed',
  kill_switch_on: 'Kill switch turned on',
  kill_switch_off: 'Kill switch turned off',
  percentage_set: 'Percentage set',
  rollout_started: 'Rollout started',
  rollout_advanced: 'Rollout advanced to the next stage',
  rollout_completed: 'Rollout completed',
  rollout_held: 'Rollout step held: a guarded SLO is unhealthy',
  rollout_paused: 'Rollout paused',
  rollout_resumed: 'Rollout resumed',
  rollback_automatic: 'Rolled back automatically',
  rollback_manual: 'Rolled back by hand',
  compliance_recorded: 'Compliance evidence recorded',
  change_requested: 'Change requested',
  change_approved: 'Change approved',
  change_rejected: 'Change rejected',
  change_edited: 'Change request edited',
  approval_voided: 'Approval voided',
  change_applied: 'Change applied',
  lifecycle_stale: 'Marked stale: unchanged for 30 days at 0% or 100%',
}

/** Events that reduce exposure stand out, in words as well as colour. */
const MARKS: Partial<Record<FlagEventType, { label: string; tone: BadgeTone; icon: IconName }>> = {
  rollback_automatic: { label: 'Automatic rollback', tone: 'breached', icon: 'arrow-down' },
  rollback_manual: { label: 'Rollback', tone: 'high', icon: 'arrow-down' },
  kill_switch_on: { label: 'Kill switch', tone: 'critical', icon: 'alert-octagon' },
  rollout_held: { label: 'Held', tone: 'at-risk', icon: 'clock' },
}

/** A known event's title, else the type in words ("some_new_event" → "Some new event"). */
export function eventTitle(type: string): string {
  const known = TITLES[type as FlagEventType]
  if (known) return known
  const words = type.replace(/[._-]+/g, ' ').trim()
  return words ? `${words[0]!.toUpperCase()}${words.slice(1)}` : type
}

function asRecord(data: JsonValue | null): Record<string, JsonValue> | null {
  return data && typeof data === 'object' && !Array.isArray(data) ? data : null
}

/** The few details of an event worth a line: why, and which percentages or stages. */
export function eventDetails(data: JsonValue | null): string[] {
  const d = asRecord(data)
  if (!d) return []
  const out: string[] = []
  const str = (k: string) => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : null)
  const num = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : null)
  const reason = str('reason')
  if (reason) out.push(`Reason: ${reason}`)
  const from = num('from')
  const to = num('to')
  if (from !== null && to !== null) out.push(`${from}% → ${to}%`)
  else if (num('percentage') !== null) out.push(`${num('percentage')}%`)
  const slo = str('sloKey') ?? str('slo')
  if (slo) out.push(`SLO ${slo}${num('violations') !== null ? `: ${num('violations')} violations` : ''}`)
  const summary = str('summary')
  if (summary) out.push(summary)
  return out
}

/** The flag's history, newest first: every change, who made it, and why for rollbacks. */
export function FlagHistory({ events }: { events: readonly FlagEventView[] }) {
  if (events.length === 0) return <p className="text-sm text-ink-muted">No history yet.</p>
  return (
    <ol className="space-y-3 border-l border-line pl-4" aria-label="Flag history">
      {events.map((e) => {
        const mark = MARKS[e.type as FlagEventType]
        return (
          <li key={e.id} className="relative">
            <span aria-hidden="true" className={`absolute top-1.5 -left-[21px] size-2.5 rounded-full ${mark ? 'bg-breached' : 'bg-line-strong'}`} />
            <div className="flex flex-wrap items-center gap-2">
              <p className="text-sm font-medium text-ink">{eventTitle(e.type)}</p>
              {mark && (
                <Badge tone={mark.tone} icon={mark.icon}>
                  {mark.label}
                </Badge>
              )}
              {e.environment && <Badge>{environmentLabel(e.environment)}</Badge>}
            </div>
            <p className="text-xs text-ink-muted">
              {e.actorLabel} · <RelativeTime date={e.at} />
            </p>
            {eventDetails(e.data).map((line) => (
              <p key={line} className="text-sm text-ink-muted">
                {line}
              </p>
            ))}
          </li>
        )
      })}
    </ol>
  )
}
