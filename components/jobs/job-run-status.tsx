import { Badge, type BadgeTone } from '@/components/ui/badge'
import type { IconName } from '@/components/ui/icons'

const META: Record<string, { label: string; tone: BadgeTone; icon: IconName }> = {
  ok: { label: 'OK', tone: 'ok', icon: 'check-circle' },
  failed: { label: 'Failed', tone: 'critical', icon: 'x-circle' },
  skipped: { label: 'Skipped', tone: 'neutral', icon: 'minus' },
  running: { label: 'Running', tone: 'low', icon: 'clock' },
  interrupted: { label: 'Interrupted', tone: 'medium', icon: 'alert' },
}

/** A job run's status as a word with an icon (see displayStatus for "interrupted"). */
export function JobRunStatus({ status }: { status: string }) {
  const meta = META[status] ?? { label: status, tone: 'neutral' as const, icon: 'info' as const }
  return (
    <Badge tone={meta.tone} icon={meta.icon}>
      {meta.label}
    </Badge>
  )
}
