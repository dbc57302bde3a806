import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission, ROLE_LABELS } from '@/lib/rbac'
import { AREAS } from '@/lib/navigation'
import { getOverview } from '@/lib/overview/queries'

export const metadata: Metadata = { title: 'Overview' }

const tile = 'rounded-lg border border-slate-200 bg-white p-4'

export default async function OverviewPage() {
  const user = await requirePagePermission('overview:read')
  const canAdmin = hasPermission(user.role, 'audit:read')
  const data = canAdmin ? await getOverview() : null
  const planned = AREAS.filter((a) => a.status === 'planned' && hasPermission(user.role, a.permission))

  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Good to see you, {user.name.split(' ')[0]}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Wardroom overview · signed in as {ROLE_LABELS[user.role].toLowerCase()}
        </p>
      </header>

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
                    <span className="min-w-0 truncate">
                      <span className="font-medium">{a.action}</span>
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
                  <li key={r.job} className="flex items-center justify-between py-2 text-sm">
                    <span className="font-medium">{r.job}</span>
                    <span className={r.status === 'failed' ? 'font-medium text-red-700' : 'text-slate-600'}>
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

      {planned.length > 0 && (
        <section aria-labelledby="planned-heading" className="space-y-3">
          <h2 id="planned-heading" className="text-sm font-semibold tracking-wide text-slate-500 uppercase">
            Being built
          </h2>
          <p className="text-sm text-slate-600">
            These areas are not available yet. They will appear in the navigation as they go live:{' '}
            {planned.map((a) => a.label).join(', ')}.
          </p>
        </section>
      )}
    </div>
  )
}
