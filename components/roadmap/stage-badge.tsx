import { STAGE_LABELS, type Stage } from '@/lib/roadmap/model'
import { Badge, type BadgeTone } from '@/components/ui/badge'

const TONE: Record<Stage, BadgeTone> = { ideas: 'neutral', discovery: 'info', planned: 'accent', in_progress: 'medium', released: 'ok', archived: 'neutral' }

/** An item's stage in words, tinted by how far along it is. */
export function StageBadge({ stage }: { stage: Stage }) {
  return <Badge tone={TONE[stage]}>{STAGE_LABELS[stage]}</Badge>
}
