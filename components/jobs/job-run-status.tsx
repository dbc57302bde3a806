import { MapBadge, type BadgeMap } from '@/components/ui/badge-map'

const META: BadgeMap<'ok' | 'failed' | 'skipped' | 'running' | 'interrupted'> = {
  ok: { label: 'OK', tone: 'ok', icon: 'check-circle' },
  failed: { label: 'Failed', tone: 'critical', icon: 'x-circle' },
  skipped: { label: 'Skipped', tone: 'neutral', icon: 'minus' },
  running: { label: 'Running', tone: 'low', icon: 'clock' },
  interrupted: { label: 'Interrupted', tone: 'medium', icon: 'alert' },
}

/** A job run's status as a word with an icon (see displayStatus for "interrupted"). */
export function JobRunStatus({ status }: { status: string }) {
  return <MapBadge map={META} value={status} />
}
