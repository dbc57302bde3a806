import type { RolloutView } from '@/lib/flags/queries'
import { formatRelativeTime } from '@/lib/format'
import { cn } from '@/lib/cn'
import { ViewerTime } from '@/components/ui/viewer-time'
import { RolloutStatusBadge } from './flag-badges'

export type StageState = 'done' | 'current' | 'upcoming'

/** Each stage's state: stages at or below the served percentage are done, the highest of them is current. */
export function stageStates(stages: readonly number[], percentage: number): StageState[] {
  let current = -1
  stages.forEach((s, i) => {
    if (s <= percentage) current = i
  })
  return stages.map((_, i) => (i < current ? 'done' : i === current ? 'current' : 'upcoming'))
}

function StatusLine({ rollout, now }: { rollout: RolloutView; now: Date }) {
  const next = rollout.stages.find((s) => s > rollout.percentage)
  if (rollout.status === 'paused') return <p className="text-sm text-at-risk-fg">Paused: {rollout.pausedReason || 'no reason given'}</p>
  if (rollout.status === 'completed') return <p className="text-sm text-ink-muted">Completed: everyone gets {rollout.variant}.</p>
  if (rollout.status === 'rolled_back')
    return (
      <p className="text-sm text-breached-fg">
        Rolled back to {rollout.percentage}%{rollout.pausedReason ? `: ${rollout.pausedReason}` : ''}. See the history for why.
      </p>
    )
  if (!rollout.nextStageAt || next === undefined) return <p className="text-sm text-ink-muted">No further step is scheduled.</p>
  const due = rollout.nextStageAt.getTime() <= now.getTime()
  return (
    <p className="text-sm text-ink-muted">
      {due ? (
        <>Next step to {next}% is due now; it is taken while the guarded SLOs are healthy</>
      ) : (
        <>
          Next step to {next}% {formatRelativeTime(rollout.nextStageAt, now)} (at <ViewerTime date={rollout.nextStageAt} />), if the guarded SLOs stay
          healthy
        </>
      )}
      .
    </p>
  )
}

/** The canary plan: a bar of the served percentage, the stages with the current one marked, and what comes next. */
export function RolloutProgress({ rollout, now }: { rollout: RolloutView; now: Date }) {
  const states = stageStates(rollout.stages, rollout.percentage)
  const labelId = `rollout-${rollout.id}`
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <p id={labelId} className="text-sm font-medium text-ink">
          {rollout.variant} to <span className="tabular-nums">{rollout.percentage}%</span> of subjects
        </p>
        <RolloutStatusBadge status={rollout.status} />
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={rollout.percentage}
        aria-valuetext={`${rollout.percentage}%`}
        className="relative h-2.5 overflow-hidden rounded-full bg-surface-muted ring-1 ring-line ring-inset"
      >
        <div
          className={cn('h-full rounded-full', rollout.status === 'rolled_back' ? 'bg-breached' : rollout.status === 'paused' ? 'bg-at-risk' : 'bg-accent')}
          style={{ width: `${Math.min(100, Math.max(0, rollout.percentage))}%` }}
        />
      </div>
      <ol aria-label="Rollout stages" className="flex flex-wrap gap-2">
        {rollout.stages.map((s, i) => (
          <li
            key={s}
            aria-current={states[i] === 'current' ? 'step' : undefined}
            className={cn(
              'rounded-md border px-2 py-0.5 text-xs font-medium tabular-nums',
              states[i] === 'current' && 'border-accent bg-accent text-white',
              states[i] === 'done' && 'border-accent-muted bg-accent-subtle text-accent-fg',
              states[i] === 'upcoming' && 'border-line text-ink-muted',
            )}
          >
            {s}%<span className="sr-only">{states[i] === 'current' ? ' (current stage)' : states[i] === 'done' ? ' (done)' : ' (to come)'}</span>
          </li>
        ))}
      </ol>
      <StatusLine rollout={rollout} now={now} />
      <p className="text-xs text-ink-muted">
        {rollout.stageIntervalHours} h between stages; more than {rollout.violationThreshold} violations of a guarded SLO halve the percentage and alert the team.
      </p>
    </div>
  )
}
