import type { CapabilityStatus } from '@/lib/competitors/scoring'
import { STATUS_LABELS } from '@/lib/competitors/schema'
import { Badge, type BadgeTone } from '@/components/ui/badge'
import type { IconName } from '@/components/ui/icons'

const META: Record<CapabilityStatus, { tone: BadgeTone; icon: IconName }> = {
  full: { tone: 'ok', icon: 'check-circle' },
  partial: { tone: 'info', icon: 'chevron-circle' },
  none: { tone: 'neutral', icon: 'x-circle' },
  unknown: { tone: 'neutral', icon: 'info' },
}

/** What a product offers of a capability: a word, an icon and a tone (never colour alone). */
export function CapabilityStatusBadge({ status }: { status: CapabilityStatus }) {
  const m = META[status]
  return (
    <Badge tone={m.tone} icon={m.icon}>
      {STATUS_LABELS[status]}
    </Badge>
  )
}
