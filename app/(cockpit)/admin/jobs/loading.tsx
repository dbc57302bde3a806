import { LoadingState } from '@/components/ui/loading-state'

export default function JobsLoading() {
  return (
    <div aria-busy="true">
      <div className="mb-6 h-8 w-32 rounded bg-line motion-safe:animate-pulse" aria-hidden="true" />
      <LoadingState rows={6} label="Loading jobs…" />
    </div>
  )
}
