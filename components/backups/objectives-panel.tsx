import type { ReactNode } from 'react'
import { formatDuration } from '@/lib/format'
import { objectiveSentence } from '@/lib/backups/display'
import type { BackupsOverview } from '@/lib/backups/queries'
import { RelativeTime } from '@/components/ui/relative-time'
import { StatusBadge } from '@/components/ui/status-badge'
import { Badge } from '@/components/ui/badge'

function Objective({ id, title, figure, target, status, sentence, evidence, action }: {
  id: string
  title: string
  figure: string
  target: string
  status: BackupsOverview['rpo']['status']
  sentence: string
  evidence: ReactNode
  action?: ReactNode
}) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2 rounded-lg border border-line bg-surface px-4 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="text-sm font-semibold text-ink">
          {title}
        </h2>
        {status ? <StatusBadge status={status} /> : <Badge tone="neutral" icon="minus">Not measured</Badge>}
      </div>
      <p className="flex flex-wrap items-baseline gap-x-2">
        <span className="text-2xl font-semibold text-ink tabular-nums">{figure}</span>
        <span className="text-sm text-ink-muted">target {target}</span>
      </p>
      <p className="text-sm text-ink">{sentence}</p>
      <p className="text-xs text-ink-muted">{evidence}</p>
      {action}
    </section>
  )
}

/** The two recovery objectives against what was measured: the newest backup's age and the last drill's restore time. */
export function ObjectivesPanel({ rpo, rto, drillAction }: Pick<BackupsOverview, 'rpo' | 'rto'> & { drillAction?: ReactNode }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Objective
        id="rpo-heading"
        title="Recovery point (RPO)"
        figure={rpo.measuredMs === null ? 'No backup' : formatDuration(rpo.measuredMs)}
        target={formatDuration(rpo.targetMs)}
        status={rpo.status}
        sentence={objectiveSentence('rpo', rpo.status)}
        evidence={rpo.at ? <>Age of the newest backup, taken <RelativeTime date={rpo.at} />.</> : 'Measured as the age of the newest backup.'}
      />
      <Objective
        id="rto-heading"
        title="Recovery time (RTO)"
        figure={rto.measuredMs === null ? 'No drill' : formatDuration(rto.measuredMs)}
        target={formatDuration(rto.targetMs)}
        status={rto.status}
        sentence={objectiveSentence('rto', rto.status)}
        evidence={
          rto.drillAt ? (
            <>Checksum, restore and verification of the newest backup, measured by the drill <RelativeTime date={rto.drillAt} />.</>
          ) : (
            'Measured by a restore drill: checksum, restore into a scratch database and verification.'
          )
        }
        action={drillAction}
      />
    </div>
  )
}
