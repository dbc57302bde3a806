import { MapBadge, type BadgeMap } from '@/components/ui/badge-map'

const PROBE_STATE: BadgeMap<'paused' | 'up' | 'down' | 'unknown'> = {
  paused: { label: 'Paused', tone: 'neutral', icon: 'minus' },
  up: { label: 'Up', tone: 'ok', icon: 'check-circle' },
  down: { label: 'Down', tone: 'critical', icon: 'x-circle' },
  unknown: { label: 'Unknown', tone: 'neutral', icon: 'clock' },
}

/** Up / Down / Unknown in words and shape; paused probes say so. */
export function ProbeStateBadge({ state, enabled }: { state: string; enabled: boolean }) {
  return <MapBadge map={PROBE_STATE} value={!enabled ? 'paused' : state === 'up' || state === 'down' ? state : 'unknown'} />
}
