import { LoadingState } from '@/components/ui/loading-state'

export default function ProbesLoading() {
  return (
    <div aria-busy="true">
      <div className="mb-6 h-8 w-48 rounded bg-line motion-safe:animate-pulse" aria-hidden="true" />
      <LoadingState rows={6} label="Loading health probes…" />
    </div>
  )
}
