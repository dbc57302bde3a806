import { Badge } from '@/components/ui/badge'
import { buttonClasses } from '@/components/ui/button'
import { SectionCard } from '@/components/ui/section-card'
import { Icon } from '@/components/ui/icons'
import { SeverityBadge } from '@/components/ui/severity-badge'
import { formatDelay } from '@/lib/oncall/format'
import type { PolicyView } from '@/lib/oncall/queries'
import type { PersonOption } from './person-list-editor'
import { PolicyForm } from './policy-form'

export interface PolicyCardProps {
  policy: PolicyView
  /** Present only for those allowed to manage on-call. */
  manage: { people: readonly PersonOption[]; schedules: readonly { id: string; name: string }[] } | null
}

export function PolicyCard({ policy, manage }: PolicyCardProps) {
  const headingId = `policy-${policy.id}`
  return (
    <SectionCard
      headingId={headingId}
      title={policy.name}
      description={policy.services.length ? `Used by ${policy.services.join(', ')}` : 'Not used by any service yet'}
      bodyClassName="space-y-4 text-sm"
    >
      <div>
        <h3 className="font-medium text-ink">First page</h3>
        {policy.severityDelays.length === 0 ? (
          <p className="text-ink-muted">No severity pages under this policy.</p>
        ) : (
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {policy.severityDelays.map((d) => (
              <li key={d.severity} className="flex items-center gap-1.5">
                <SeverityBadge severity={d.severity} />
                <span className="text-ink-muted">{formatDelay(d.minutes)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="font-medium text-ink">Levels</h3>
        <ol className="mt-1 space-y-1.5">
          {policy.levels.map((l, i) => (
            <li key={i} className="flex flex-wrap items-center gap-2">
              <Badge tone="neutral">Level {i + 1}</Badge>
              <span className="text-ink-muted">
                {i === 0 ? (l.delayMinutes ? `${formatDelay(l.delayMinutes)} more` : 'at the first page') : `${formatDelay(l.delayMinutes)} without acknowledgement`}
              </span>
              {l.targets.map((t) => (
                <span key={`${t.type}:${t.id}`} className="inline-flex items-center gap-1 font-medium text-ink">
                  <Icon name={t.type === 'schedule' ? 'clock' : 'users'} size={14} className="text-ink-muted" />
                  {t.name}
                  <span className="sr-only">{t.type === 'schedule' ? '(schedule: whoever is on call)' : '(person)'}</span>
                </span>
              ))}
            </li>
          ))}
        </ol>
        {policy.emergencyIntervalMinutes !== null && (
          <p className="mt-2 flex items-center gap-1.5 text-ink-muted">
            <SeverityBadge severity="critical" />
            climbs every {formatDelay(policy.emergencyIntervalMinutes).replace(/^after /, '')} at most (emergency interval)
          </p>
        )}
      </div>
      {manage && (
        <details>
          <summary className={buttonClasses('ghost', 'sm', 'cursor-pointer list-none')}>Edit policy</summary>
          <div className="mt-3">
            <PolicyForm
              people={manage.people}
              schedules={manage.schedules}
              initial={{
                policyId: policy.id,
                name: policy.name,
                severityDelays: Object.fromEntries(policy.severityDelays.map((d) => [d.severity, d.minutes])),
                emergencyIntervalMinutes: policy.emergencyIntervalMinutes,
                levels: policy.levels.map((l) => ({ delayMinutes: l.delayMinutes, targets: l.targets.map((t) => ({ type: t.type, id: t.id })) })),
              }}
            />
          </div>
        </details>
      )}
    </SectionCard>
  )
}
