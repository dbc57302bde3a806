import { Card } from '@/components/ui/card'
import { LoadingState } from '@/components/ui/loading-state'
import { SkeletonBars } from '@/components/ui/page-loading'

/** The loading.tsx body of the competitor pages: header and panels in place, so nothing jumps. */
export function AreaPageLoading({ label }: { label: string }) {
  return (
    <div className="space-y-6">
      <SkeletonBars bars={['h-7 w-64', 'h-4 w-96 max-w-full']} />
      <Card as="div" className="px-4 py-3">
        <LoadingState rows={3} label={label} />
      </Card>
      <div aria-hidden="true" className="h-96 rounded-lg border border-line bg-surface" />
    </div>
  )
}
