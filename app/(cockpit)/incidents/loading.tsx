import { Card } from '@/components/ui/card'
import { LoadingState } from '@/components/ui/loading-state'
import { SkeletonBars } from '@/components/ui/page-loading'

export default function IncidentsLoading() {
  return (
    <div className="space-y-6">
      <SkeletonBars bars={['h-7 w-40', 'h-4 w-96 max-w-full']} />
      <div aria-hidden="true" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-20 rounded-lg border border-line bg-surface motion-safe:animate-pulse" />
        ))}
      </div>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {['Triggered', 'Acknowledged', 'Investigating', 'Resolved'].map((c, i) => (
          <Card as="div" key={c} className="px-3 py-2">
            <p className="pb-2 text-sm font-medium text-ink-muted">{c}</p>
            <LoadingState rows={3} label={i === 0 ? 'Loading incidents…' : `Loading ${c.toLowerCase()}…`} />
          </Card>
        ))}
      </div>
    </div>
  )
}
