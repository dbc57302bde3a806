import { Card } from '@/components/ui/card'
import { LoadingState } from '@/components/ui/loading-state'
import { SkeletonBars } from '@/components/ui/page-loading'

/** The loading.tsx body of the analytics pages: header, tabs and panels in place, so nothing jumps. */
export function AnalyticsPageLoading({ label, panels = 3 }: { label: string; panels?: number }) {
  return (
    <div className="space-y-6">
      <SkeletonBars bars={['h-7 w-64', 'h-4 w-96 max-w-full']} />
      <div aria-hidden="true" className="h-9 w-96 max-w-full rounded bg-line motion-safe:animate-pulse" />
      <Card as="div" className="px-4 py-3">
        <LoadingState rows={2} label={label} />
      </Card>
      <div aria-hidden="true" className="grid gap-4 lg:grid-cols-2 2xl:grid-cols-3">
        {Array.from({ length: panels }, (_, i) => (
          <div key={i} className="h-72 rounded-lg border border-line bg-surface">
            <div className="m-4 h-4 w-1/2 rounded bg-line motion-safe:animate-pulse" />
          </div>
        ))}
      </div>
    </div>
  )
}
