import { Badge, type BadgeTone } from './badge'
import type { IconName } from './icons'

export const SLO_STATUSES = ['ok', 'at_risk', 'breached'] as const
export type SloStatus = (typeof SLO_STATUSES)[number]

import type { IncidentStatus } from '@/lib/severity'

/** `'at-risk'` is accepted as well as `'at_risk'` (a database enum cannot hold a hyphen). */
export type Status = SloStatus | 'at-risk' | IncidentStatus

/** The same words everywhere in the product. */
export const STATUS_META: Record<Status, { label: string; icon: IconName; tone: BadgeTone }> = {
  ok: { label: 'OK', icon: 'check-circle', tone: 'ok' },
  at_risk: { label: 'At risk', icon: 'alert', tone: 'at-risk' },
  'at-risk': { label: 'At risk', icon: 'alert', tone: 'at-risk' },
  breached: { label: 'Breached', icon: 'x-circle', tone: 'breached' },
  triggered: { label: 'Triggered', icon: 'bell', tone: 'critical' },
  acknowledged: { label: 'Acknowledged', icon: 'eye', tone: 'medium' },
  investigating: { label: 'Investigating', icon: 'search', tone: 'low' },
  resolved: { label: 'Resolved', icon: 'check-circle', tone: 'ok' },
}

export interface StatusBadgeProps {
  status: Status
  className?: string
}

export function StatusBadge({ status, className }: StatusBadgeProps) {
  const meta = STATUS_META[status]
  return (
    <Badge tone={meta.tone} icon={meta.icon} className={className}>
      {meta.label}
    </Badge>
  )
}
