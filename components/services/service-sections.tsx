import Link from 'next/link'
import type { ServicePage } from '@/lib/services/queries'
import { formatDuration, formatPercent } from '@/lib/format'
import { Badge } from '@/components/ui/badge'
import { CellNote, DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { RelativeTime } from '@/components/ui/relative-time'
import { SectionCard } from '@/components/ui/section-card'
import { SeverityBadge } from '@/components/ui/severity-badge'
import { StatusBadge } from '@/components/ui/status-badge'
import { TierBadge } from './tier-badge'

type Incident = ServicePage['openIncidents'][number]

const serviceHref = (key: string) => `/services/${encodeURIComponent(key)}`

function IncidentTable({ incidents, caption }: { incidents: readonly Incident[]; caption: string }) {
  return (
    <DataTable
      caption={caption}
      captionHidden
      rows={incidents}
      rowKey={(i) => i.id}
      columns={[
        {
          header: 'Incident',
          cell: (i) => (
            <Link href={`/incidents/${i.id}`} className="hover:underline">
              <span className="text-ink-muted tabular-nums">INC-{i.number}</span> {i.title}
            </Link>
          ),
        },
        { header: 'Severity', cell: (i) => <SeverityBadge severity={i.severity} /> },
        { header: 'Status', cell: (i) => <StatusBadge status={i.status} /> },
        { header: 'Opened', cell: (i) => <RelativeTime date={i.triggeredAt} /> },
      ]}
    />
  )
}

export function IncidentsSection({ page }: { page: ServicePage }) {
  const { openIncidents: open, recentIncidents: recent } = page
  return (
    <SectionCard headingId="incidents-heading" title="Incidents" description={`${open.length} open; the last ${recent.length} resolved below.`} bare>
      {open.length === 0 ? (
        <EmptyState title="No open incidents" icon="check-circle">
          Nothing is firing for this service now.
        </EmptyState>
      ) : (
        <IncidentTable incidents={open} caption="Open incidents" />
      )}
      <h3 className="border-t border-line px-4 pt-3 text-sm font-semibold text-ink">Recently resolved</h3>
      {recent.length === 0 ? (
        <p className="px-4 py-3 text-sm text-ink-muted">No resolved incidents yet.</p>
      ) : (
        <IncidentTable incidents={recent} caption="Recently resolved incidents" />
      )}
    </SectionCard>
  )
}

export function SlosSection({ page }: { page: ServicePage }) {
  const slos = page.slos
  return (
    <SectionCard headingId="slos-heading" title="SLOs" description="Objectives measured on this service, worst first." bare>
      {slos === null ? (
        <p className="px-4 py-3 text-sm text-ink-muted">Your role cannot see SLOs.</p>
      ) : slos.length === 0 ? (
        <EmptyState title="No SLOs" icon="chart">
          No SLO names this service yet; SLOs are defined on the SLO dashboard.
        </EmptyState>
      ) : (
        <DataTable
          caption="SLOs of the service"
          captionHidden
          rows={slos}
          rowKey={(s) => s.key}
          columns={[
            {
              header: 'SLO',
              cell: (s) => (
                <Link href={`/slo/${encodeURIComponent(s.key)}`} className="hover:underline">
                  {s.name}
                </Link>
              ),
            },
            { header: 'Status', cell: (s) => <StatusBadge status={s.status} /> },
            { header: 'Compliance', numeric: true, cell: (s) => formatPercent(s.compliance, 2) },
            { header: 'Target', numeric: true, cell: (s) => formatPercent(s.target, 2) },
            { header: 'Budget left', numeric: true, cell: (s) => formatPercent(s.budgetRemaining, 0) },
          ]}
        />
      )}
    </SectionCard>
  )
}

export function ProbesSection({ page }: { page: ServicePage }) {
  const probes = page.probes
  return (
    <SectionCard headingId="probes-heading" title="Health probes" description="HTTP checks of this service." bare>
      {probes.length === 0 ? (
        <EmptyState title="No health probes" icon="chart">
          Add one under <Link href="/incidents/probes" className="text-accent-fg hover:underline">Health probes</Link>.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-line">
          {probes.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
              <span className="text-ink">{p.name}</span>
              <span className="flex items-center gap-2">
                {!p.enabled ? (
                  <Badge tone="neutral" icon="minus">Paused</Badge>
                ) : p.state === 'up' ? (
                  <Badge tone="ok" icon="check-circle">Up</Badge>
                ) : p.state === 'down' ? (
                  <Badge tone="critical" icon="x-circle">Down</Badge>
                ) : (
                  <Badge tone="neutral" icon="clock">Unknown</Badge>
                )}
                <span className="text-xs text-ink-muted">{p.lastCheckedAt ? <RelativeTime date={p.lastCheckedAt} /> : 'not checked yet'}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  )
}

export function FlagsSection({ page }: { page: ServicePage }) {
  const flags = page.flags
  return (
    <SectionCard headingId="flags-heading" title="Flag rollouts" description="Flags whose rollouts are guarded by this service's SLOs: a violation pauses or rolls them back." bare>
      {flags === null ? (
        <p className="px-4 py-3 text-sm text-ink-muted">{page.slos?.length === 0 ? 'No SLOs, so no guarded rollouts.' : 'Your role cannot see flags.'}</p>
      ) : flags.length === 0 ? (
        <EmptyState title="No guarded flags" icon="flag">
          No flag lists one of this service&apos;s SLOs among the SLOs that guard its rollouts.
        </EmptyState>
      ) : (
        <DataTable
          caption="Flags guarded by the service's SLOs"
          captionHidden
          rows={flags}
          rowKey={(f) => f.key}
          columns={[
            {
              header: 'Flag',
              cell: (f) => (
                <>
                  <Link href={`/flags/${encodeURIComponent(f.key)}`} className="hover:underline">
                    {f.name}
                  </Link>
                  <CellNote>guarded by {f.guardedSloKeys.join(', ')}</CellNote>
                </>
              ),
            },
            {
              header: 'Latest rollouts',
              cell: (f) =>
                f.rollouts.length === 0 ? (
                  <span className="text-ink-muted">None</span>
                ) : (
                  <ul className="space-y-0.5">
                    {f.rollouts.map((r) => (
                      <li key={r.id}>
                        {r.environment}: {r.status.replace('_', ' ')} at {formatPercent(r.percentage / 100, 0)}{' '}
                        <span className="text-xs text-ink-muted">
                          (started <RelativeTime date={r.startedAt} />)
                        </span>
                      </li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      )}
    </SectionCard>
  )
}

export function MaintenanceSection({ page }: { page: ServicePage }) {
  const windows = page.maintenance
  return (
    <SectionCard headingId="maintenance-heading" title="Maintenance" description="Current and upcoming windows: incidents opened in one are muted." bare>
      {windows.length === 0 ? (
        <EmptyState title="No maintenance planned" icon="clock">
          Windows are scheduled on the <Link href="/oncall" className="text-accent-fg hover:underline">On-call</Link> page.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-line">
          {windows.map((w) => (
            <li key={w.id} className="px-4 py-2 text-sm">
              {w.current ? (
                <>
                  <Badge tone="info" icon="clock">Now</Badge> ends <RelativeTime date={w.endsAt} />
                </>
              ) : (
                <>
                  <Badge tone="neutral">Upcoming</Badge> starts <RelativeTime date={w.startsAt} />, lasts {formatDuration(w.endsAt.getTime() - w.startsAt.getTime())}
                </>
              )}
              {w.reason && <span className="block text-xs text-ink-muted">{w.reason}</span>}
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  )
}

type Linked = ServicePage['dependsOn'][number]

function ServiceList({ items, empty }: { items: readonly Linked[]; empty: string }) {
  if (items.length === 0) return <p className="text-sm text-ink-muted">{empty}</p>
  return (
    <ul className="space-y-1 text-sm">
      {items.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center gap-2">
          <Link href={serviceHref(s.key)} className="text-accent-fg hover:underline">
            {s.name}
          </Link>
          <TierBadge tier={(s.tier ?? null) as 1 | 2 | 3 | null} />
          {s.archived && <Badge tone="neutral" icon="minus">Archived</Badge>}
        </li>
      ))}
    </ul>
  )
}

export function DependenciesSection({ page }: { page: ServicePage }) {
  return (
    <SectionCard headingId="dependencies-heading" title="Dependencies" bodyClassName="grid gap-4 py-4 sm:grid-cols-2">
      <div>
        <h3 className="mb-1 text-sm font-semibold text-ink">Depends on</h3>
        <ServiceList items={page.dependsOn} empty="Nothing in the catalogue." />
      </div>
      <div>
        <h3 className="mb-1 text-sm font-semibold text-ink">Depended on by</h3>
        <ServiceList items={page.dependents} empty="No service depends on it." />
      </div>
    </SectionCard>
  )
}
