import type { FeedbackPriority, FeedbackStatus, FeedbackType } from '@/lib/feedback/schema'
import type { SlaTimer } from '@/lib/feedback/sla-timer'
import { PRIORITY_LABELS, STATUS_LABELS, TYPE_LABELS } from '@/lib/feedback/words'
import { Badge, type BadgeTone } from '@/components/ui/badge'
import { SeverityBadge } from '@/components/ui/severity-badge'

/** Priority on the one severity scale (critical, high, medium, low), with its word. */
export function PriorityBadge({ priority }: { priority: FeedbackPriority }) {
  return <SeverityBadge severity={priority} label={PRIORITY_LABELS[priority]} />
}

export function SafetyBadge() {
  return (
    <Badge tone="critical" icon="alert-octagon">
      Safety concern
    </Badge>
  )
}

export function TypeBadge({ type }: { type: FeedbackType }) {
  return (
    <Badge tone={type === 'optimization' ? 'accent' : 'neutral'} icon={type === 'optimization' ? 'chart' : undefined}>
      {TYPE_LABELS[type]}
    </Badge>
  )
}

export function StatusBadge({ status }: { status: FeedbackStatus }) {
  const tone: BadgeTone = status === 'new' ? 'info' : status === 'done' ? 'ok' : 'neutral'
  return <Badge tone={tone}>{STATUS_LABELS[status]}</Badge>
}

const SLA_TONE: Record<SlaTimer['state'], BadgeTone> = { running: 'at-risk', overdue: 'breached', met: 'ok', breached: 'breached' }
const SLA_ICON = { running: 'clock', overdue: 'alert', met: 'check', breached: 'alert' } as const

/** The SLA timer: "SLA due in 3 h", "SLA overdue by 20 min", "SLA met", with its due time on hover. */
export function SlaBadge({ timer, dueAt }: { timer: SlaTimer; dueAt: Date }) {
  return (
    <Badge tone={timer.state === 'running' ? 'neutral' : SLA_TONE[timer.state]} icon={SLA_ICON[timer.state]} title={`Triage due ${dueAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`}>
      SLA {timer.text}
    </Badge>
  )
}
