import { cn } from '@/lib/cn'
import { formatDuration, formatUtcTimestamp } from '@/lib/format'
import type { JobRunRow } from '@/lib/jobs/queries'
import { summarizeRuns } from './job-words'

// Full class names so Tailwind finds them. Height differs too, so the strip reads without colour.
const MARK: Record<string, string> = {
  ok: 'h-3 bg-ok',
  failed: 'h-5 bg-critical',
  interrupted: 'h-5 bg-medium',
  running: 'h-4 bg-low',
  skipped: 'h-2 bg-line-strong',
}

export interface RunStripProps {
  /** Newest first, as the queries return them; each with its displayed status (see displayStatus). */
  runs: readonly (Pick<JobRunRow, 'id' | 'startedAt' | 'durationMs'> & { shown: string })[]
}

/** The last runs as marks, oldest on the left, and how they ended in words ("9 OK · 1 failed"). */
export function RunStrip({ runs }: RunStripProps) {
  const summary = summarizeRuns(runs.map((r) => r.shown))
  if (runs.length === 0) return <span className="text-sm text-ink-muted">{summary}</span>
  return (
    <div className="flex items-center gap-2">
      <span className="flex h-5 items-end gap-0.5" aria-hidden="true">
        {[...runs].reverse().map((r) => (
          <span
            key={r.id.toString()}
            className={cn('w-1.5 rounded-sm', MARK[r.shown] ?? MARK.skipped)}
            title={`${r.shown} · ${formatUtcTimestamp(r.startedAt)}${r.durationMs === null ? '' : ` · ${formatDuration(r.durationMs)}`}`}
          />
        ))}
      </span>
      <span className="text-xs whitespace-nowrap text-ink-muted">
        <span className="sr-only">Last {runs.length} runs: </span>
        {summary}
      </span>
    </div>
  )
}
