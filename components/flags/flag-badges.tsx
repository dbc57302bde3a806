import { BoolBadge, MapBadge, SpecBadge, type BadgeMap } from '@/components/ui/badge-map'

const LIFECYCLE: BadgeMap<'active' | 'stale' | 'archived'> = {
  active: { label: 'Active', tone: 'ok', icon: 'check-circle' },
  stale: { label: 'Stale', tone: 'at-risk', icon: 'clock' },
  archived: { label: 'Archived', tone: 'neutral', icon: 'minus' },
}

/** active / stale (unchanged for 30 days at 0 % or 100 %) / archived. */
export function LifecycleBadge({ lifecycle }: { lifecycle: string }) {
  return <MapBadge map={LIFECYCLE} value={lifecycle} />
}

const ENVIRONMENT_STATE: BadgeMap<'killed' | 'on' | 'off'> = {
  killed: { label: 'Killed', tone: 'critical', icon: 'alert-octagon' },
  on: { label: 'On', tone: 'ok', icon: 'check-circle' },
  off: { label: 'Off', tone: 'neutral', icon: 'minus' },
}

/** On / Off / Killed, in words and with a shape, never colour alone. */
export function EnvironmentStateBadge({ enabled, killed }: { enabled: boolean; killed: boolean }) {
  return <SpecBadge spec={ENVIRONMENT_STATE[killed ? 'killed' : enabled ? 'on' : 'off']} />
}

/** Satisfied / Missing for one compliance gate. */
export function GateBadge({ satisfied }: { satisfied: boolean }) {
  return <BoolBadge value={satisfied} yes={{ label: 'Satisfied', tone: 'ok', icon: 'check-circle' }} no={{ label: 'Missing', tone: 'breached', icon: 'x-circle' }} />
}

const CR_STATUS: BadgeMap<'pending' | 'approved' | 'applied' | 'rejected' | 'voided'> = {
  pending: { label: 'Waiting for approval', tone: 'medium', icon: 'clock' },
  approved: { label: 'Approved', tone: 'low', icon: 'check' },
  applied: { label: 'Applied', tone: 'ok', icon: 'check-circle' },
  rejected: { label: 'Rejected', tone: 'neutral', icon: 'x-circle' },
  voided: { label: 'Voided', tone: 'neutral', icon: 'minus' },
}

export function ChangeRequestStatusBadge({ status }: { status: string }) {
  return <MapBadge map={CR_STATUS} value={status} />
}

const ROLLOUT_STATUS: BadgeMap<'running' | 'paused' | 'completed' | 'rolled_back'> = {
  running: { label: 'Rolling out', tone: 'accent', icon: 'arrow-up' },
  paused: { label: 'Paused', tone: 'at-risk', icon: 'clock' },
  completed: { label: 'Completed', tone: 'ok', icon: 'check-circle' },
  rolled_back: { label: 'Rolled back', tone: 'breached', icon: 'arrow-down' },
}

export function RolloutStatusBadge({ status }: { status: string }) {
  return <MapBadge map={ROLLOUT_STATUS} value={status} />
}
