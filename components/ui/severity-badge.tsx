import { Badge } from './badge'
import type { IconName } from './icons'

import { SEVERITY_LABELS, type Severity } from '@/lib/severity'

/** Each severity has its own shape as well as its colour, so the scale reads in greyscale too. */
export const SEVERITY_META: Record<Severity, { label: string; icon: IconName }> = {
  critical: { label: SEVERITY_LABELS.critical, icon: 'alert-octagon' },
  high: { label: SEVERITY_LABELS.high, icon: 'alert' },
  medium: { label: SEVERITY_LABELS.medium, icon: 'alert-circle' },
  low: { label: SEVERITY_LABELS.low, icon: 'chevron-circle' },
  info: { label: SEVERITY_LABELS.info, icon: 'info' },
}

export interface SeverityBadgeProps {
  severity: Severity
  /** Replaces the word (e.g. "P1 · Critical"); keep the severity word in it. */
  label?: string
  className?: string
}

export function SeverityBadge({ severity, label, className }: SeverityBadgeProps) {
  const meta = SEVERITY_META[severity]
  return (
    <Badge tone={severity} icon={meta.icon} className={className}>
      {label ?? meta.label}
    </Badge>
  )
}
