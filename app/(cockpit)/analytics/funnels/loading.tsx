import { Card } from '@/components/ui/card'
import { LoadingState } from '@/components/ui/loading-state'
import { SkeletonBars } from '@/components/ui/page-loading'

export default function FunnelsLoading() {
  return (
    <div className="space-y-6">
      <SkeletonBars bars={['h-7 w-40', 'h-4 w-[36rem] max-w-full']} />
      <div aria-hidden="true" className="h-9 w-96 max-w-full rounded bg-line motion-safe:animate-pulse" />
      <Card as="div" className="px-4 py-3">
        <LoadingState rows={4} label="Loading the funnel…" />
      </Card>
      <div aria-hidden="true" className="h-96 rounded-lg border border-line bg-surface">
        <div className="m-4 h-4 w-1/3 rounded bg-line motion-safe:animate-pulse" />
      </div>
    </div>
  )
}
