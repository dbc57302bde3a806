import { cn } from '@/lib/cn'

export interface LoadingStateProps {
  /** Skeleton rows to draw; match the expected list length roughly so the page does not jump. */
  rows?: number
  /** Announced to screen readers. */
  label?: string
  className?: string
}

const WIDTHS = ['w-11/12', 'w-9/12', 'w-10/12', 'w-8/12']

export function LoadingState({ rows = 5, label = 'Loading…', className }: LoadingStateProps) {
  return (
    <div role="status" aria-busy="true" className={cn('space-y-3 py-2', className)}>
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} aria-hidden="true" className="flex items-center gap-3">
          <div className="h-4 w-16 shrink-0 rounded bg-line motion-safe:animate-pulse" />
          <div className={cn('h-4 rounded bg-line motion-safe:animate-pulse', WIDTHS[i % WIDTHS.length])} />
        </div>
      ))}
    </div>
  )
}
