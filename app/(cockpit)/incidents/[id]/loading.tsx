import { Card } from '@/components/ui/card'
import { LoadingState } from '@/components/ui/loading-state'

export default function IncidentLoading() {
  return (
    <div className="space-y-6">
      <div aria-hidden="true" className="space-y-2">
        <div className="h-4 w-20 rounded bg-line motion-safe:animate-pulse" />
        <div className="h-7 w-96 max-w-full rounded bg-line motion-safe:animate-pulse" />
      </div>
      <Card as="div" className="px-4 py-3">
        <LoadingState rows={2} label="Loading the incident…" />
      </Card>
      <Card as="div" className="px-4 py-3">
        <LoadingState rows={6} label="Loading the timeline…" />
      </Card>
    </div>
  )
}
