import type { Metadata } from 'next'
import Link from 'next/link'
import { ButtonLink } from '@/components/ui/button'
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'
import { Stat, StatGroup } from '@/components/ui/stat'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
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
  const { id, serviceId, name, url, expectedStatus, timeoutMs, intervalSeconds, failureThreshold, successThreshold, enabled } = p
  return { id, serviceId, name, url, expectedStatus, timeoutMs, intervalSeconds, failureThreshold, successThreshold, enabled }
}

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
    <div className="space-y-6">
      <PageHeader
        eyebrow={<Link href="/incidents" className="hover:underline">Incidents</Link>}
        title="Health probes"
        description="HTTP checks of the monitored services, run every minute when their interval has elapsed. A run of failures opens a high-severity incident; a run of successes resolves it. Uptime is the share of checks that passed in the last 24 hours."
        actions={
          canManage && (
            <ButtonLink href="/incidents/probes#probe-form" variant="primary">
              Add probe
            </ButtonLink>
          )
        }
        className="mb-0"
      />

      <StatGroup>
        <Stat label="Up" value={formatNumber(count('up'))} hint="Enabled probes passing" />
        <Stat label="Down" value={formatNumber(count('down'))} hint="Failed their threshold in a row" />
        <Stat label="Unknown" value={formatNumber(count('unknown'))} hint="Not checked yet" />
        <Stat label="Paused" value={formatNumber(probes.length - active.length)} />
      </StatGroup>

      <Card aria-labelledby="probes-heading">
        <CardHeader>
          <CardTitle id="probes-heading" description="State, last check and the last 24 hours, per probe.">
            Probes
          </CardTitle>
        </CardHeader>
        {probes.length === 0 ? (
          <EmptyState title="No probes yet" icon="chart">
            {canManage ? 'Add a probe for each service with a health endpoint; results appear here within a minute.' : 'Someone with the probe:manage permission can add them.'}
          </EmptyState>
        ) : (
          <Table caption="Health probes with state, last check and uptime over 24 hours" captionHidden>
            <THead>
              <Tr>
                <Th>Probe</Th>
                <Th>State</Th>
                <Th>Last check</Th>
                <Th numeric>Uptime 24 h</Th>
                <Th numeric>Median latency</Th>
                <Th numeric>Every</Th>
                {canManage && (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                )}
              </Tr>
            </THead>
            <TBody>
              {probes.map((p) => (
                <Tr key={p.id}>
                  <Td className="max-w-72">
                    <Link href={`/incidents/probes?probe=${p.id}#results`} className="block truncate font-medium hover:underline" title={p.name}>
                      {p.name}
                    </Link>
                    <span className="block truncate text-xs text-ink-muted">
                      {p.service.name} · {displayUrl(p.url)}
                    </span>
                  </Td>
                  <Td>
                    <ProbeStateBadge state={p.state} enabled={p.enabled} />
                    <span className="mt-0.5 block text-xs text-ink-muted">
                      {p.consecutiveFailures > 0
                        ? `${p.consecutiveFailures} failed in a row (opens at ${p.failureThreshold})`
                        : p.consecutiveSuccesses > 0
                          ? `${p.consecutiveSuccesses} passed in a row`
                          : ''}
                    </span>
                    {p.openIncidentId && (
                      <Link href={`/incidents/${p.openIncidentId}`} className="text-xs font-medium text-critical-fg hover:underline">
                        Open incident
                      </Link>
                    )}
                  </Td>
                  <Td>
                    {p.last ? (
                      <>
                        <RelativeTime date={p.last.at} />
                        <span className="block text-xs text-ink-muted">
                          {p.last.statusCode ?? 'no response'} · {formatNumber(p.last.latencyMs)} ms
                        </span>
                      </>
                    ) : (
                      <span className="text-ink-muted">never</span>
                    )}
                  </Td>
                  <Td numeric>
                    {formatPercent(p.stats.uptime, 2)}
                    <span className="block text-xs text-ink-muted">{formatNumber(p.stats.checks)} checks</span>
                  </Td>
                  <Td numeric>{p.stats.p50LatencyMs === null ? '—' : `${formatNumber(p.stats.p50LatencyMs)} ms`}</Td>
                  <Td numeric>{p.intervalSeconds} s</Td>
                  {canManage && (
                    <Td className="text-right">
                      <ProbeControls id={p.id} name={p.name} enabled={p.enabled} />
                    </Td>
                  )}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Card id="results" aria-labelledby="results-heading" className="scroll-mt-6">
        <CardHeader actions={selected && <ButtonLink size="sm" href="/incidents/probes#results">All probes</ButtonLink>}>
          <CardTitle id="results-heading" description="The latest 30 checks, newest first.">
            {selected ? `Recent checks of ${selected.name}` : 'Recent checks'}
          </CardTitle>
        </CardHeader>
        {results.length === 0 ? (
          <EmptyState title="No checks yet" icon="clock">
            The health-probes job runs every minute; a new probe is checked on its first run.
          </EmptyState>
        ) : (
          <ProbeResultsTable results={results} caption={selected ? `Recent checks of ${selected.name}` : 'Recent checks of all probes'} showProbe={!selected} />
        )}
      </Card>

      {canManage && (
        <Card id="probe-form" aria-labelledby="probe-form-heading" className="scroll-mt-6">
          <CardHeader actions={editing && <ButtonLink size="sm" href="/incidents/probes#probe-form">Add a new one instead</ButtonLink>}>
            <CardTitle id="probe-form-heading" description="Opens a high-severity incident through the ordinary alert path (deduplicated per probe).">
              {editing ? `Edit ${editing.name}` : 'Add a probe'}
            </CardTitle>
          </CardHeader>
          <CardBody className="py-4">
            {services.length === 0 ? (
              <p className="text-sm text-ink-muted">There are no services yet. Services are created by the seed or when alerts name them.</p>
            ) : (
              <ProbeForm key={editing?.id ?? 'new'} probe={editing && editable(editing)} services={services} />
            )}
          </CardBody>
        </Card>
      )}
    </div>
  )
}
