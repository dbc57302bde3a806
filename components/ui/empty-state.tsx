import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Icon, type IconName } from './icons'

export interface EmptyStateProps {
  title: string
  /** Why it is empty and what would fill it, in words. */
  children?: ReactNode
  /** A next step: usually a ButtonLink or Button. */
  action?: ReactNode
  icon?: IconName
  className?: string
}

export function EmptyState({ title, children, action, icon = 'list', className }: EmptyStateProps) {
  return (
    <div className={cn('flex flex-col items-center px-6 py-10 text-center', className)}>
      <span className="flex size-10 items-center justify-center rounded-full bg-surface-muted text-ink-faint">
        <Icon name={icon} size={20} />
      </span>
      <p className="mt-3 text-sm font-semibold text-ink">{title}</p>
      {children && <div className="mt-1 max-w-md text-sm text-ink-muted">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  )
}
