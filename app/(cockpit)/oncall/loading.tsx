import { LoadingState } from '@/components/ui/loading-state'

export default function Loading() {
  return (
    <div className="space-y-6">
      <div aria-hidden="true" className="h-7 w-40 rounded bg-line motion-safe:animate-pulse" />
      <LoadingState rows={8} label="Loading on-call schedules…" />
    </div>
  )
}
