import { Badge } from './badge'
import type { IconName } from './icons'

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Each severity has its own shape as well as its colour, so the scale reads in greyscale too. */
export const SEVERITY_META: Record<Severity, { label: string; icon: IconName }> = {
  critical: { label: 'Critical', icon: 'alert-octagon' },
  high: { label: 'High', icon: 'alert' },
  medium: { label: 'Medium', icon: 'alert-circle' },
  low: { label: 'Low', icon: 'chevron-circle' },
  info: { label: 'Info', icon: 'info' },
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
