import { Badge } from '@/components/ui/badge'

/** Up / Down / Unknown in words and shape; paused probes say so. */
export function ProbeStateBadge({ state, enabled }: { state: string; enabled: boolean }) {
  if (!enabled)
    return (
      <Badge tone="neutral" icon="minus">
        Paused
      </Badge>
    )
  if (state === 'up')
    return (
      <Badge tone="ok" icon="check-circle">
        Up
      </Badge>
    )
  if (state === 'down')
    return (
      <Badge tone="critical" icon="x-circle">
        Down
      </Badge>
    )
  return (
    <Badge tone="neutral" icon="clock">
      Unknown
    </Badge>
  )
}
