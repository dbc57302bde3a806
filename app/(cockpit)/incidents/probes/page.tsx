import type { Metadata } from 'next'
import Link from 'next/link'
import { ButtonLink } from '@/components/ui/button'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'
import { Stat, StatGroup } from '@/components/ui/stat'
import { actionsColumn, CellNote, DataTable, type Column } from '@/components/ui/data-table'
import { ProbeControls } from '@/components/probes/probe-controls'
import { ProbeForm, type EditableProbe } from '@/components/probes/probe-form'
import { ProbeResultsTable } from '@/components/probes/probe-results-table'
import { ProbeStateBadge } from '@/components/probes/probe-state-badge'
import { requirePagePermission } from '@/lib/auth/guard'
import { formatNumber, formatPercent } from '@/lib/format'
import { listProbes, listServiceOptions, recentProbeResults, type ProbeListItem } from '@/lib/probes/queries'
import { hasPermission } from '@/lib/rbac'

export const metadata: Metadata = { title: 'Health probes' }

type Search = Promise<{ probe?: string | string[]; edit?: string | string[] }>

/** Origin and path only: a query string may carry a token, and this page is open to every incident reader. */
function displayUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`
  } catch {
    return url
  }
}

function editable(p: ProbeListItem): EditableProbe {
  const { id, serviceId, name, url, expectedStatus, timeoutMs, intervalSeconds, failureThreshold, successThreshold, latencyThresholdMs, enabled } = p
  return { id, serviceId, name, url, expectedStatus, timeoutMs, intervalSeconds, failureThreshold, successThreshold, latencyThresholdMs, enabled }
}

function streak(p: ProbeListItem): string {
  if (p.consecutiveFailures > 0) return `${p.consecutiveFailures} failed in a row (opens at ${p.failureThreshold})`
  return p.consecutiveSuccesses > 0 ? `${p.consecutiveSuccesses} passed in a row` : ''
}

const PROBE_COLUMNS: Column<ProbeListItem>[] = [
  {
    header: 'Probe',
    className: 'max-w-72',
    cell: (p) => (
      <>
        <Link href={`/incidents/probes?probe=${p.id}#results`} className="block truncate font-medium hover:underline" title={p.name}>
          {p.name}
        </Link>
        <CellNote className="wrap-anywhere">
          {p.service.name} · {displayUrl(p.url)}
        </CellNote>
      </>
    ),
  },
  {
    header: 'State',
    cell: (p) => (
      <>
        <ProbeStateBadge state={p.state} enabled={p.enabled} />
        <CellNote className="mt-0.5">{streak(p)}</CellNote>
        {p.openIncidentId && (
          <Link href={`/incidents/${p.openIncidentId}`} className="text-xs font-medium text-critical-fg hover:underline">
            Open incident
          </Link>
        )}
        {p.performance === 'degraded' && (
          <CellNote className="mt-0.5 font-medium text-ink">
            Degraded performance: slower than {formatNumber(p.latencyThresholdMs)} ms
            {p.degradedIncidentId && (
              <>
                {' · '}
                <Link href={`/incidents/${p.degradedIncidentId}`} className="hover:underline">
                  incident
                </Link>
              </>
            )}
          </CellNote>
        )}
      </>
    ),
  },
  {
    header: 'Last check',
    cell: (p) =>
      p.last ? (
        <>
          <RelativeTime date={p.last.at} />
          <CellNote>
            {p.last.statusCode ?? 'no response'} · {formatNumber(p.last.latencyMs)} ms
          </CellNote>
        </>
      ) : (
        <span className="text-ink-muted">never</span>
      ),
  },
  {
    header: 'Uptime 24 h',
    numeric: true,
    cell: (p) => (
      <>
        {formatPercent(p.stats.uptime, 2)}
        <CellNote>{formatNumber(p.stats.checks)} checks</CellNote>
      </>
    ),
  },
  {
    header: 'Median latency',
    numeric: true,
    cell: (p) => (
      <>
        {p.stats.p50LatencyMs === null ? '—' : `${formatNumber(p.stats.p50LatencyMs)} ms`}
        <CellNote>threshold {formatNumber(p.latencyThresholdMs)} ms</CellNote>
      </>
    ),
  },
  { header: 'Every', numeric: true, cell: (p) => `${p.intervalSeconds} s` },
]

export default async function ProbesPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePagePermission('incident:read')
  const canManage = hasPermission(user.role, 'probe:manage')
  const now = new Date()
  const { probe: probeParam, edit } = await searchParams
  const [probes, services] = await Promise.all([listProbes(now), canManage ? listServiceOptions() : Promise.resolve([])])
  const selected = typeof probeParam === 'string' ? probes.find((p) => p.id === probeParam) : undefined
  const editing = canManage && typeof edit === 'string' ? probes.find((p) => p.id === edit) : undefined
  const results = await recentProbeResults(selected?.id ?? null, 30)
  const active = probes.filter((p) => p.enabled)
  const count = (state: string) => active.filter((p) => p.state === state).length

  return (
    <StackedPage
      back={{ href: '/incidents', label: 'Incidents' }}
      title="Health probes"
      description="HTTP checks of the monitored services, run when their interval has elapsed (every 30 s at the shortest). A run of failures opens a high-severity incident, a run of answers slower than the latency threshold a medium “degraded performance” one; a run of good checks resolves it. Uptime is the share of checks that passed in the last 24 hours."
      primaryAction={canManage ? { href: '/incidents/probes#probe-form', label: 'Add probe' } : undefined}
    >
      <StatGroup>
        <Stat label="Up" value={formatNumber(count('up'))} hint="Enabled probes passing" />
        <Stat label="Down" value={formatNumber(count('down'))} hint="Failed their threshold in a row" />
        <Stat label="Unknown" value={formatNumber(count('unknown'))} hint="Not checked yet" />
        <Stat label="Paused" value={formatNumber(probes.length - active.length)} />
      </StatGroup>

      <SectionCard headingId="probes-heading" title="Probes" description="State, last check and the last 24 hours, per probe." bare>
        {probes.length === 0 ? (
          <EmptyState title="No probes yet" icon="chart">
            {canManage ? 'Add a probe for each service with a health endpoint; results appear here within a minute.' : 'Someone with the probe:manage permission can add them.'}
          </EmptyState>
        ) : (
          <DataTable
            caption="Health probes with state, last check and uptime over 24 hours"
            captionHidden
            rows={probes}
            rowKey={(p) => p.id}
            columns={[...PROBE_COLUMNS, canManage && actionsColumn<ProbeListItem>((p) => <ProbeControls id={p.id} name={p.name} enabled={p.enabled} />)]}
          />
        )}
      </SectionCard>

      <SectionCard
        id="results"
        headingId="results-heading"
        title={selected ? `Recent checks of ${selected.name}` : 'Recent checks'}
        description="The latest 30 checks, newest first."
        actions={selected && <ButtonLink size="sm" href="/incidents/probes#results">All probes</ButtonLink>}
        className="scroll-mt-6"
        bare
      >
        {results.length === 0 ? (
          <EmptyState title="No checks yet" icon="clock">
            The health-probes job runs every 15 seconds; a new probe is checked on its first run.
          </EmptyState>
        ) : (
          <ProbeResultsTable results={results} caption={selected ? `Recent checks of ${selected.name}` : 'Recent checks of all probes'} showProbe={!selected} />
        )}
      </SectionCard>

      {canManage && (
        <SectionCard
          id="probe-form"
          headingId="probe-form-heading"
          title={editing ? `Edit ${editing.name}` : 'Add a probe'}
          description="Opens a high-severity incident (down) or a medium one (slow) through the ordinary alert path, deduplicated per probe."
          actions={editing && <ButtonLink size="sm" href="/incidents/probes#probe-form">Add a new one instead</ButtonLink>}
          className="scroll-mt-6"
          bodyClassName="py-4"
        >
          {services.length === 0 ? (
            <p className="text-sm text-ink-muted">There are no services yet. Services are created by the seed or when alerts name them.</p>
          ) : (
            <ProbeForm key={editing?.id ?? 'new'} probe={editing && editable(editing)} services={services} />
          )}
        </SectionCard>
      )}
    </StackedPage>
  )
}
