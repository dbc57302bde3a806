import { Badge } from '@/components/ui/badge'
import type { SchedulerInfo } from '@/lib/jobs/queries'

/** Whether this server runs the jobs itself, and what to do when it does not. */
export function SchedulerStatus({ scheduler }: { scheduler: SchedulerInfo }) {
  const { enabled, running, timezone } = scheduler
  return (
    <div className="mb-6 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-line bg-surface px-4 py-3 text-sm">
      <span className="font-medium text-ink">In-process scheduler</span>
      {running ? (
        <Badge tone="ok" icon="check-circle">
          On
        </Badge>
      ) : (
        <Badge tone={enabled ? 'medium' : 'neutral'} icon={enabled ? 'alert' : 'minus'}>
          {enabled ? 'Not running' : 'Off'}
        </Badge>
      )}
      <span className="text-ink-muted">
        {running
          ? `Jobs run on their schedules in this server (times in ${timezone}); with several instances, one runs each tick.`
          : enabled
            ? 'It is enabled but has not started in this server process; it starts with the server.'
            : 'WARDROOM_SCHEDULER=off: an external cron must call /api/cron/<job> with the cron secret.'}
      </span>
    </div>
  )
}
