import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Button } from './button'
import { Icon } from './icons'

export interface ErrorStateProps {
  title?: string
  /** What went wrong and what the person can do, in words; never a stack trace. */
  children?: ReactNode
  /** Shows a "Try again" button (client components only: an error boundary's `reset`, a query's `refetch`). */
  onRetry?: () => void
  /** Any other next step, e.g. a ButtonLink back to the list. */
  action?: ReactNode
  className?: string
}

export function ErrorState({ title = 'This could not be loaded', children, onRetry, action, className }: ErrorStateProps) {
  return (
    <div role="alert" className={cn('rounded-lg border border-critical-border bg-critical-bg px-4 py-4 text-critical-fg', className)}>
      <div className="flex items-start gap-2">
        <Icon name="alert-octagon" size={18} className="mt-0.5" />
        <div className="min-w-0">
          <p className="text-sm font-semibold">{title}</p>
          {children && <div className="mt-1 text-sm">{children}</div>}
          {(onRetry || action) && (
            <div className="mt-3 flex flex-wrap gap-2">
              {onRetry && (
                <Button size="sm" onClick={onRetry}>
                  Try again
                </Button>
              )}
              {action}
            </div>
          )}
        </div>
      </div>
    </div>
  )
}
