import { Card } from '@/components/ui/card'
import { LoadingState } from '@/components/ui/loading-state'

/** A loading.tsx body: the header's place and a table skeleton, so nothing jumps. */
export function PageLoading({ label, rows = 6 }: { label: string; rows?: number }) {
  return (
    <div>
      <div aria-hidden="true" className="mb-6 space-y-2">
        <div className="h-4 w-28 rounded bg-line motion-safe:animate-pulse" />
        <div className="h-7 w-56 rounded bg-line motion-safe:animate-pulse" />
        <div className="h-4 w-96 max-w-full rounded bg-line motion-safe:animate-pulse" />
      </div>
      <Card as="div" className="px-4 py-3">
        <LoadingState rows={rows} label={label} />
      </Card>
    </div>
  )
}
