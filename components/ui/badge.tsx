import type { HTMLAttributes } from 'react'
import { cn } from '@/lib/cn'
import { Icon, type IconName } from './icons'

export type BadgeTone =
  | 'neutral'
  | 'accent'
  | 'critical'
  | 'high'
  | 'medium'
  | 'low'
  | 'info'
  | 'ok'
  | 'at-risk'
  | 'breached'

// Full class names written out so Tailwind finds them when it scans this file.
const TONES: Record<BadgeTone, string> = {
  neutral: 'bg-surface-muted text-ink-muted border-line',
  accent: 'bg-accent-subtle text-accent-fg border-accent-muted',
  critical: 'bg-critical-bg text-critical-fg border-critical-border',
  high: 'bg-high-bg text-high-fg border-high-border',
  medium: 'bg-medium-bg text-medium-fg border-medium-border',
  low: 'bg-low-bg text-low-fg border-low-border',
  info: 'bg-info-bg text-info-fg border-info-border',
  ok: 'bg-ok-bg text-ok-fg border-ok-border',
  'at-risk': 'bg-at-risk-bg text-at-risk-fg border-at-risk-border',
  breached: 'bg-breached-bg text-breached-fg border-breached-border',
}

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: BadgeTone
  /** An icon before the text; colour alone never carries the meaning, the text does. */
  icon?: IconName
}

export function Badge({ tone = 'neutral', icon, className, children, ...rest }: BadgeProps) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-md border px-1.5 py-0.5 text-xs leading-4 font-medium whitespace-nowrap',
        TONES[tone],
        className,
      )}
      {...rest}
    >
      {icon && <Icon name={icon} size={14} />}
      {children}
    </span>
  )
}
