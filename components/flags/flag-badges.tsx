import { Badge } from '@/components/ui/badge'

const LIFECYCLE = {
  active: { label: 'Active', tone: 'ok', icon: 'check-circle' },
  stale: { label: 'Stale', tone: 'at-risk', icon: 'clock' },
  archived: { label: 'Archived', tone: 'neutral', icon: 'minus' },
} as const

/** active / stale (unchanged for 30 days at 0 % or 100 %) / archived. */
export function LifecycleBadge({ lifecycle }: { lifecycle: string }) {
  const meta = LIFECYCLE[lifecycle as keyof typeof LIFECYCLE] ?? { label: lifecycle, tone: 'neutral', icon: 'info' }
  return (
    <Badge tone={meta.tone} icon={meta.icon}>
      {meta.label}
    </Badge>
  )
}

/** On / Off / Killed, in words and with a shape, never colour alone. */
export function EnvironmentStateBadge({ enabled, killed }: { enabled: boolean; killed: boolean }) {
  if (killed)
    return (
      <Badge tone="critical" icon="alert-octagon">
        Killed
      </Badge>
    )
  return enabled ? (
    <Badge tone="ok" icon="check-circle">
      On
    </Badge>
  ) : (
    <Badge tone="neutral" icon="minus">
      Off
    </Badge>
  )
}

/** Satisfied / Missing for one compliance gate. */
export function GateBadge({ satisfied }: { satisfied: boolean }) {
  return satisfied ? (
    <Badge tone="ok" icon="check-circle">
      Satisfied
    </Badge>
  ) : (
    <Badge tone="breached" icon="x-circle">
      Missing
    </Badge>
  )
}

const CR_STATUS = {
  pending: { label: 'Waiting for approval', tone: 'medium', icon: 'clock' },
  approved: { label: 'Approved', tone: 'low', icon: 'check' },
  applied: { label: 'Applied', tone: 'ok', icon: 'check-circle' },
  rejected: { label: 'Rejected', tone: 'neutral', icon: 'x-circle' },
  voided: { label: 'Voided', tone: 'neutral', icon: 'minus' },
} as const

export function ChangeRequestStatusBadge({ status }: { status: string }) {
  const meta = CR_STATUS[status as keyof typeof CR_STATUS] ?? { label: status, tone: 'neutral', icon: 'info' }
  return (
    <Badge tone={meta.tone} icon={meta.icon}>
      {meta.label}
    </Badge>
  )
}

const ROLLOUT_STATUS = {
  running: { label: 'Rolling out', tone: 'accent', icon: 'arrow-up' },
  paused: { label: 'Paused', tone: 'at-risk', icon: 'clock' },
  completed: { label: 'Completed', tone: 'ok', icon: 'check-circle' },
  rolled_back: { label: 'Rolled back', tone: 'breached', icon: 'arrow-down' },
} as const

export function RolloutStatusBadge({ status }: { status: string }) {
  const meta = ROLLOUT_STATUS[status as keyof typeof ROLLOUT_STATUS] ?? { label: status, tone: 'neutral', icon: 'info' }
  return (
    <Badge tone={meta.tone} icon={meta.icon}>
      {meta.label}
    </Badge>
  )
}
