import { cn } from '@/lib/cn'
import { Card } from '@/components/ui/card'
import { LoadingState } from '@/components/ui/loading-state'

/** Pulsing placeholder bars, one under another, hidden from screen readers; each entry sizes one bar. */
export function SkeletonBars({ bars, className }: { bars: readonly string[]; className?: string }) {
  return (
    <div aria-hidden="true" className={cn('space-y-2', className)}>
      {bars.map((size, i) => (
        <div key={i} className={cn(size, 'rounded bg-line motion-safe:animate-pulse')} />
      ))}
    </div>
  )
}

/** A loading.tsx body: the header's place and a table skeleton, so nothing jumps. */
export function PageLoading({ label, rows = 6 }: { label: string; rows?: number }) {
  return (
    <div>
      <SkeletonBars bars={['h-4 w-28', 'h-7 w-56', 'h-4 w-96 max-w-full']} className="mb-6" />
      <Card as="div" className="px-4 py-3">
        <LoadingState rows={rows} label={label} />
      </Card>
    </div>
  )
}

/** A lighter loading.tsx body: the title's place (`titleWidth`, e.g. `w-48`) and list rows. */
export function ListLoading({ label, rows, titleWidth }: { label: string; rows: number; titleWidth: string }) {
  return (
    <div aria-busy="true">
      <div className={cn('mb-6 h-8 rounded bg-line motion-safe:animate-pulse', titleWidth)} aria-hidden="true" />
      <LoadingState rows={rows} label={label} />
    </div>
  )
}
