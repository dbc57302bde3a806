import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission, ROLE_LABELS } from '@/lib/rbac'
import { getClinicalHome } from '@/lib/overview/clinical-workflows'
import { ClinicalWorkflows } from '@/components/overview/clinical-workflows'
import { getOverview } from '@/lib/overview/queries'
import { getOperationsSummary } from '@/lib/overview/operations'
import { SeverityBadge } from '@/components/ui/severity-badge'
import { StatusBadge } from '@/components/ui/status-badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { formatPercent } from '@/lib/format'
import { SEVERITIES } from '@/lib/severity'
import { auditActionLabel } from '@/lib/admin/audit-words'

export const metadata: Metadata = { title: 'Overview' }

const tile = 'rounded-lg border border-slate-200 bg-white p-4'

/** One tile of "Operations now": a titled link to the area, its headline figure, then details. */
function OpsTile({ title, href, linkLabel, headline, children }: { title: string; href: string; linkLabel: string; headline: ReactNode; children: ReactNode }) {
  return (
    <div className={tile}>
      <div className="flex items-baseline justify-between">
        <h3 className="font-semibold">{title}</h3>
        <Link href={href} className="text-sm font-medium text-teal-800 hover:underline">
          {linkLabel}
        </Link>
      </div>
      <p className="mt-2 text-2xl font-semibold tabular-nums">{headline}</p>
      {children}
    </div>
  )
}

export default async function OverviewPage() {
  const user = await requirePagePermission('overview:read')
  const canAdmin = hasPermission(user.role, 'audit:read')
  const [data, ops] = await Promise.all([canAdmin ? getOverview() : null, getOperationsSummary(user.role)])
  // A clinician's home: the clinical workflows' service levels instead of the operations figures.
  const clinicalHome = await getClinicalHome(user.role)

  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Good to see you, {user.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Wardroom overview · signed in as {ROLE_LABELS[user.role].toLowerCase()}
        </p>
      </header>

      {clinicalHome && <ClinicalWorkflows workflows={clinicalHome} />}

      {!clinicalHome && (ops.incidents || ops.slos || ops.flags) && (
        <section aria-labelledby="ops-heading" className="space-y-3">
          <h2 id="ops-heading" className="text-sm font-semibold tracking-wide text-slate-500 uppercase">
            Operations now
          </h2>
          <div className="grid gap-3 lg:grid-cols-3">
            {ops.incidents && (
              <OpsTile
                title="Incidents"
                href="/incidents"
                linkLabel="Board"
                headline={
                  <>
                    {ops.incidents.open} open
                    <span className="ml-2 text-sm font-normal text-slate-600">{ops.incidents.unacknowledged} not acknowledged</span>
                  </>
                }
              >
                <ul className="mt-3 flex flex-wrap gap-2" aria-label="Open incidents by severity">
                  {SEVERITIES
                    .filter((s) => ops.incidents!.bySeverity[s] > 0)
                    .map((s) => (
                      <li key={s}>
                        <SeverityBadge severity={s} label={`${ops.incidents!.bySeverity[s]} ${s}`} />
                      </li>
                    ))}
                </ul>
                {ops.incidents.oldestUnackedAt && (
                  <p className="mt-3 text-xs text-slate-600">
                    Oldest unacknowledged opened <RelativeTime date={ops.incidents.oldestUnackedAt} />
                  </p>
                )}
                {ops.incidents.open === 0 && <p className="mt-3 text-sm text-slate-600">All quiet: no open incident.</p>}
              </OpsTile>
            )}
            {ops.slos && (
              <OpsTile
                title="Service levels"
                href="/slo"
                linkLabel="SLOs"
                headline={
                  <>
                    {ops.slos.ok} of {ops.slos.total} on track
                  </>
                }
              >
                {ops.slos.attention.length === 0 ? (
                  <p className="mt-3 text-sm text-slate-600">Every objective is within its error budget.</p>
                ) : (
                  <ul className="mt-3 space-y-2">
                    {ops.slos.attention.map((s) => (
                      <li key={s.key} className="flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5 text-sm">
                        <Link href={`/slo/${s.key}`} className="min-w-0 font-medium wrap-anywhere hover:underline">
                          {s.name}
                        </Link>
                        <span className="ml-auto flex shrink-0 items-center gap-2">
                          <span className="text-xs text-slate-600 tabular-nums">
                            {s.budgetRemaining === null ? 'n/a' : `${formatPercent(Math.max(0, s.budgetRemaining), 0)} budget`}
                          </span>
                          <StatusBadge status={s.status} />
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </OpsTile>
            )}
            {ops.flags && (
              <OpsTile
                title="Feature flags"
                href="/flags"
                linkLabel="Flags"
                headline={
                  <>
                    {ops.flags.rollouts.length} rollout{ops.flags.rollouts.length === 1 ? '' : 's'}
                    <span className="ml-2 text-sm font-normal text-slate-600">{ops.flags.pendingApprovals} waiting for approval</span>
                  </>
                }
              >
                {ops.flags.rollouts.length === 0 ? (
                  <p className="mt-3 text-sm text-slate-600">No canary rollout is in progress.</p>
                ) : (
                  <ul className="mt-3 space-y-2">
                    {ops.flags.rollouts.map((r) => (
                      <li key={`${r.flagKey}:${r.environment}`} className="flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5 text-sm">
                        <Link href={`/flags/${r.flagKey}?env=${r.environment}`} className="min-w-0 font-medium wrap-anywhere hover:underline">
                          {r.flagName}
                        </Link>
                        <span className="ml-auto shrink-0 text-xs text-slate-600 tabular-nums">
                          {r.environment} · {r.percentage} %{r.status === 'paused' ? ' · paused' : ''}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </OpsTile>
            )}
          </div>
        </section>
      )}

      {data && (
        <section aria-labelledby="platform-heading" className="space-y-3">
          <h2 id="platform-heading" className="text-sm font-semibold tracking-wide text-slate-500 uppercase">
            Platform
          </h2>
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <div className={tile}>
              <dt className="text-sm text-slate-600">Active people</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{data.users.reduce((s, r) => s + r.count, 0)}</dd>
              <dd className="mt-1 text-xs text-slate-500">
                {data.users.map((r) => `${r.count} ${ROLE_LABELS[r.role].toLowerCase()}`).join(' · ')}
              </dd>
            </div>
            <div className={tile}>
              <dt className="text-sm text-slate-600">Active API keys</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{data.activeKeys}</dd>
            </div>
            <div className={tile}>
              <dt className="text-sm text-slate-600">Audited actions, 24 h</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{data.auditLast24h}</dd>
            </div>
            <div className={tile}>
              <dt className="text-sm text-slate-600">Failed sign-ins, 24 h</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{data.failedLogins24h}</dd>
            </div>
          </dl>
        </section>
      )}

      {data && (
        <div className="grid gap-6 lg:grid-cols-2">
          <section aria-labelledby="audit-heading" className={tile}>
            <div className="flex items-baseline justify-between">
              <h2 id="audit-heading" className="font-semibold">Recent activity</h2>
              <Link href="/admin/audit" className="text-sm font-medium text-teal-800 hover:underline">
                Audit log
              </Link>
            </div>
            {data.recentAudit.length === 0 ? (
              <p className="mt-4 text-sm text-slate-600">Nothing has been recorded yet.</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-100">
                {data.recentAudit.map((a) => (
                  <li key={a.id.toString()} className="flex items-center justify-between gap-3 py-2 text-sm">
                    <span className="min-w-0 wrap-anywhere">
                      <span className="font-medium" title={a.action}>
                        {auditActionLabel(a.action)}
                      </span>
                      <span className="text-slate-500"> · {a.actorLabel}</span>
                    </span>
                    <time dateTime={a.at.toISOString()} className="shrink-0 text-xs text-slate-500 tabular-nums">
                      {a.at.toISOString().slice(0, 16).replace('T', ' ')} UTC
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="jobs-heading" className={tile}>
            <div className="flex items-baseline justify-between">
              <h2 id="jobs-heading" className="font-semibold">Periodic jobs</h2>
              <Link href="/admin/jobs" className="text-sm font-medium text-teal-800 hover:underline">
                Jobs
              </Link>
            </div>
            {data.latestRuns.length === 0 ? (
              <p className="mt-4 text-sm text-slate-600">No job has run yet. The scheduler runs them on their schedules.</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-100">
                {data.latestRuns.map((r) => (
                  <li key={r.job} className="flex items-center justify-between gap-3 py-2 text-sm">
                    <span className="min-w-0 font-medium wrap-anywhere">{r.job}</span>
                    <span className={`shrink-0 ${r.status === 'failed' ? 'font-medium text-red-700' : 'text-slate-600'}`}>
                      {r.status}
                      {r.durationMs !== null ? ` · ${r.durationMs} ms` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  )
}
