import { SkeletonBars } from '@/components/ui/page-loading'
import { BOARD_STAGES, STAGE_LABELS } from '@/lib/roadmap/model'

/** The board's columns in place while it loads, so nothing jumps. */
export default function RoadmapLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <SkeletonBars bars={['h-7 w-40', 'h-4 w-[36rem] max-w-full']} />
      <p role="status" className="sr-only">
        Loading the roadmap board…
      </p>
      <div aria-hidden="true" className="grid grid-cols-5 gap-3">
        {BOARD_STAGES.map((s, i) => (
          <div key={s} className="min-w-0 rounded-lg border border-line bg-surface-muted">
            <div className="border-b border-line px-3 py-2 text-sm font-semibold wrap-anywhere text-ink-faint">{STAGE_LABELS[s]}</div>
            <div className="space-y-2 p-2">
              {Array.from({ length: 3 - (i % 2) }, (_, j) => (
                <div key={j} className="h-24 rounded-md border border-line bg-surface motion-safe:animate-pulse" />
              ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  )
}
