import Link from 'next/link'
import type { DashboardWorkflow } from '@/lib/analytics/dashboard'
import { formatDuration } from '@/lib/format'
import { ButtonLink } from '@/components/ui/button'
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card'
import { PeopleCount, PeopleRate } from './suppressed'

export interface WorkflowCardProps {
  workflow: DashboardWorkflow
  k: number
  /** The funnel page's URL for this workflow over the same range. */
  funnelHref: string
  /** The workflow's page: its editor for those who may manage analytics, else its definition to read. */
  definitionHref: string
  canEdit: boolean
}

/**
 * One clinical workflow at a glance: how many started and finished, the median time it took, and each step as
 * a bar of the share of starters who reached it (the funnel, without a chart library: the bars are the figures).
 */
export function WorkflowCard({ workflow: w, k, funnelHref, definitionHref, canEdit }: WorkflowCardProps) {
  const headingId = `workflow-${w.key}`
  return (
    <Card aria-labelledby={headingId} className="flex h-full flex-col">
      <CardHeader
        actions={
          <div className="flex gap-2">
            <ButtonLink href={definitionHref} size="sm" variant="ghost" aria-label={canEdit ? `Edit workflow ${w.name}` : `Definition of workflow ${w.name}`}>
              {canEdit ? 'Edit' : 'Definition'}
            </ButtonLink>
            <ButtonLink href={funnelHref} size="sm" aria-label={`Open the funnel of ${w.name}`}>
              Open funnel
            </ButtonLink>
          </div>
        }
      >
        <CardTitle id={headingId} description={<code className="text-xs">{w.key}</code>}>
          {w.name}
        </CardTitle>
      </CardHeader>
      <CardBody className="flex-1 space-y-4">
        <dl className="grid grid-cols-3 gap-2 text-sm">
          <div>
            <dt className="text-ink-muted">Completed</dt>
            <dd className="text-xl font-semibold tabular-nums">
              <PeopleRate value={w.completionRate} k={k} />
            </dd>
          </div>
          <div>
            <dt className="text-ink-muted">Started</dt>
            <dd className="text-xl font-semibold tabular-nums">
              <PeopleCount value={w.started} k={k} />
            </dd>
          </div>
          <div>
            <dt className="text-ink-muted">Median time</dt>
            <dd className="text-xl font-semibold tabular-nums">{w.medianDurationMs === null ? '–' : formatDuration(w.medianDurationMs)}</dd>
          </div>
        </dl>
        {w.started === 0 ? (
          <p className="text-sm text-ink-muted">Nobody started this workflow in the range.</p>
        ) : (
          <ol className="space-y-2" aria-label={`Steps of ${w.name}: share of starters who reached each`}>
            {w.steps.map((s) => (
              <li key={s.step} className="text-sm">
                <div className="flex items-baseline justify-between gap-2">
                  <span className="truncate">
                    <span className="text-ink-muted tabular-nums">{s.step}.</span> {s.label}
                  </span>
                  <span className="shrink-0 tabular-nums">
                    <PeopleRate value={s.conversion} k={k} />
                    <span className="text-ink-muted">
                      {' '}
                      (<PeopleCount value={s.users} k={k} />)
                    </span>
                  </span>
                </div>
                <div aria-hidden="true" className="mt-1 h-2 rounded bg-surface-muted">
                  <div className="h-2 rounded bg-accent" style={{ width: `${Math.round((s.conversion ?? 0) * 100)}%` }} />
                </div>
              </li>
            ))}
          </ol>
        )}
        <p className="text-xs text-ink-muted">
          Conversion within the workflow&apos;s window; <Link href={funnelHref} className="underline underline-offset-2 hover:text-ink">break it down by department, role or flag variant</Link>.
        </p>
      </CardBody>
    </Card>
  )
}
