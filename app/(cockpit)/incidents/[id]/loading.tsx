import { Card } from '@/components/ui/card'
import { LoadingState } from '@/components/ui/loading-state'
import { SkeletonBars } from '@/components/ui/page-loading'

export default function IncidentLoading() {
  return (
    <div className="space-y-6">
      <SkeletonBars bars={['h-4 w-20', 'h-7 w-96 max-w-full']} />
      <Card as="div" className="px-4 py-3">
        <LoadingState rows={2} label="Loading the incident…" />
      </Card>
      <Card as="div" className="px-4 py-3">
        <LoadingState rows={6} label="Loading the timeline…" />
      </Card>
    </div>
  )
}
