import { Stat, StatGroup } from '@/components/ui/stat'
import { SEVERITIES } from '@/lib/severity'
import { SeverityBadge } from '@/components/ui/severity-badge'
import { formatDuration, NOT_AVAILABLE } from '@/lib/format'
import type { ResponseStats, SeverityCounts } from '@/lib/incidents/board'

function hint(s: ResponseStats, of: 'acknowledged' | 'resolved'): string {
  const n = s[of]
  if (n === 0) return s.incidents === 0 ? `No incidents in ${s.days} days` : `None ${of} yet of ${s.incidents}`
  const median = of === 'acknowledged' ? s.mttaMedianMs : s.mttrMedianMs
  return `Mean of ${n} ${of} incident${n === 1 ? '' : 's'}${n > 2 && median !== null ? ` · median ${formatDuration(median)}` : ''}`
}

/** MTTA and MTTR over the last 7 and 30 days; "n/a" when there is nothing to average. */
export function ResponseTimes({ d7, d30 }: { d7: ResponseStats; d30: ResponseStats }) {
  const value = (ms: number | null) => (ms === null ? NOT_AVAILABLE : formatDuration(ms))
  return (
    <StatGroup columns={4}>
      <Stat label="MTTA · 7 days" value={value(d7.mttaMs)} hint={hint(d7, 'acknowledged')} />
      <Stat label="MTTR · 7 days" value={value(d7.mttrMs)} hint={hint(d7, 'resolved')} />
      <Stat label="MTTA · 30 days" value={value(d30.mttaMs)} hint={hint(d30, 'acknowledged')} />
      <Stat label="MTTR · 30 days" value={value(d30.mttrMs)} hint={hint(d30, 'resolved')} />
    </StatGroup>
  )
}

/** Open incidents per severity, each with its word and icon. */
export function SeverityCountsBar({ counts, total }: { counts: SeverityCounts; total: number }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2" aria-label="Open incidents by severity" role="group">
      <span className="text-sm font-medium text-ink tabular-nums">
        {total} open
      </span>
      <ul className="flex flex-wrap gap-2">
        {SEVERITIES.map((s) => (
          <li key={s}>
            <SeverityBadge severity={s} label={`${counts[s]} ${s}`} />
          </li>
        ))}
      </ul>
    </div>
  )
}
