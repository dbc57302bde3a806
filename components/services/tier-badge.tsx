import { Badge, type BadgeTone } from '@/components/ui/badge'
import { TIER_LABELS, type Tier } from '@/lib/services/schema'

const TONE: Record<Tier, BadgeTone> = { 1: 'high', 2: 'medium', 3: 'neutral' }

/** "Tier 1" with its meaning on hover and for screen readers; an uncatalogued service says so. */
export function TierBadge({ tier }: { tier: Tier | null }) {
  if (tier === null) return <span className="text-ink-muted">No tier</span>
  return (
    <Badge tone={TONE[tier]} title={TIER_LABELS[tier]}>
      Tier {tier}
      <span className="sr-only"> ({TIER_LABELS[tier].split(' · ')[1]})</span>
    </Badge>
  )
}
