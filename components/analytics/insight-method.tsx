import { FDR_LEVEL, MIN_BASE, PRIORITY_RULES } from '@/lib/analytics/insight-stats'
import { INSIGHT_PERIOD_DAYS } from '@/lib/analytics/insight-period'
import { formatNumber } from '@/lib/format'
import { RelativeTime } from '@/components/ui/relative-time'

export interface InsightJobState {
  lastRun: { at: Date; status: string; result: Record<string, unknown> | null } | null
  nextRunAt: Date | null
  scheduleText: string
}

const n = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : '?')

/** When the job last ran and what it found, in a sentence. */
export function InsightJobSummary({ job }: { job: InsightJobState }) {
  const { lastRun } = job
  return (
    <p className="text-sm text-ink-muted">
      {lastRun ? (
        <>
          The insights job last ran <RelativeTime date={lastRun.at} />
          {lastRun.status === 'failed'
            ? ' and failed (Admin → Jobs has the reason).'
            : lastRun.result
              ? `: ${n(lastRun.result.tests)} comparisons over ${n(lastRun.result.workflows)} workflows, ${n(lastRun.result.significant)} significant.`
              : '.'}
        </>
      ) : (
        'The insights job has not run yet.'
      )}{' '}
      It runs {job.scheduleText.replace(/^./, (c) => c.toLowerCase())}
      {job.nextRunAt && (
        <>
          ; next <RelativeTime date={job.nextRunAt} />
        </>
      )}
      .
    </p>
  )
}

/** What the job looks for and how it decides, for the empty state and the foot of the page. */
export function InsightMethod({ k }: { k: number }) {
  const minBase = Math.max(MIN_BASE, k)
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-ink-muted">
      <li>
        Each day, for every workflow, the share of people lost at each step (of those who reached the step before) in the last {INSIGHT_PERIOD_DAYS} whole days is compared with
        the {INSIGHT_PERIOD_DAYS} days before, for the whole hospital and for each department.
      </li>
      <li>
        A step is compared only when at least {minBase} people reached the step before it in both weeks. Weeks end at midnight UTC, at least one conversion window ago, so
        nobody still on their way counts as lost.
      </li>
      <li>
        An increase is listed when a one-sided two-proportion z-test finds it significant after the Benjamini–Hochberg correction across all the comparisons of the run (false
        discovery rate {formatNumber(FDR_LEVEL * 100)} %).
      </li>
      <li>
        Priority: high from +{PRIORITY_RULES.high[0]![0]} percentage points with {PRIORITY_RULES.high[0]![1]} or more people lost beyond the week before’s rate (or +
        {PRIORITY_RULES.high[1]![0]} points with {PRIORITY_RULES.high[1]![1]}), medium from +{PRIORITY_RULES.medium[0]![0]} points with {PRIORITY_RULES.medium[0]![1]} people (or{' '}
        {PRIORITY_RULES.medium[1]![1]} people), low otherwise. Each high-priority insight becomes an improvement task in Feedback when the job runs (it waits here as awaiting a
        feedback task until then), linking back to its funnel.
      </li>
      <li>Counts of fewer than {k} people are not shown.</li>
    </ul>
  )
}
