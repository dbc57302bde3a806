import { LoadingState } from '@/components/ui/loading-state'

export default function ChannelsLoading() {
  return (
    <div aria-busy="true">
      <div className="mb-6 h-8 w-56 rounded bg-line motion-safe:animate-pulse" aria-hidden="true" />
      <LoadingState rows={5} label="Loading channels…" />
    </div>
  )
}
