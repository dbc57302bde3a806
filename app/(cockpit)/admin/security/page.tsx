import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasEventFilter, parseEventSearchParams, type EventFilterValues, type SearchParams } from '@/lib/security/event-filter'
import { countSecurityEventsByRule, getSecuritySettings, lastSecurityScan, listSecurityEvents } from '@/lib/security/queries'
import type { SecurityRule } from '@/lib/security/settings'
import { hasPermission } from '@/lib/rbac'
import { AdminPage } from '@/components/admin/admin-page'
import { RuleCounts } from '@/components/security/rule-counts'
import { SecurityEventTable } from '@/components/security/security-event-table'
import { SecurityFilterForm } from '@/components/security/security-filter-form'
import { SecuritySettingsForm } from '@/components/security/security-settings-form'
import { ButtonLink } from '@/components/ui/button'
import { CardBody } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { RelativeTime } from '@/components/ui/relative-time'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Security' }

function hrefOf(values: EventFilterValues, rule: SecurityRule | null): string {
  const params = new URLSearchParams(Object.entries({ ...values, rule: rule ?? '' }).filter(([, v]) => v))
  const qs = params.toString()
  return qs ? `/admin/security?${qs}` : '/admin/security'
}

/** Security events found by the security-scan job, their counts per rule, and the rules' settings. */
export default async function SecurityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission('security:read')
  const canEdit = hasPermission(user.role, 'security:manage')
  const { values, query, invalid } = parseEventSearchParams(await searchParams, new Date())
  const [events, counts, settings, lastScan] = await Promise.all([listSecurityEvents(query), countSecurityEventsByRule(query), getSecuritySettings(), lastSecurityScan()])
  const filtered = hasEventFilter(values)
  const scanJob = (
    <Link href="/admin/jobs/security-scan" className="font-mono text-accent-fg hover:underline">
      security-scan
    </Link>
  )

  return (
    <AdminPage
      title="Security"
      description="Failed sign-in bursts, unusual API key use, requests refused by scope, audit-chain failures, expiring keys and administration outside working hours, as found by a scan every five minutes. Severe findings open an incident on the board."
    >
      <SectionCard
        headingId="security-counts-heading"
        title="Events per rule"
        description={
          <>
            {query.to ? 'In the chosen period' : `Since ${query.from.toISOString().slice(0, 10)}`}. Found by {scanJob}
            {lastScan?.finishedAt ? (
              <>
                , last run <RelativeTime date={lastScan.finishedAt} />
                {lastScan.status === 'failed' ? ' (failed: see its page)' : ''}
              </>
            ) : (
              ', which has not run yet'
            )}
            .
          </>
        }
      >
        <RuleCounts counts={counts} active={values.rule} hrefFor={(rule) => hrefOf(values, rule)} />
      </SectionCard>

      <SectionCard headingId="security-events-heading" title="Events" bare>
        <CardBody className="border-b border-line py-4">
          <SecurityFilterForm values={values} invalid={invalid} />
        </CardBody>
        {events.length === 0 ? (
          <EmptyState
            title={filtered ? 'No events match these filters' : 'No security events in the last 30 days'}
            icon="shield"
            action={
              filtered ? (
                <ButtonLink href="/admin/security" size="sm">
                  Clear filters
                </ButtonLink>
              ) : undefined
            }
          >
            {filtered ? 'Widen the date range or remove a filter.' : 'The scan found nothing that crossed a threshold. Events appear here as it finds them.'}
          </EmptyState>
        ) : (
          <>
            <SecurityEventTable events={events} />
            <p className="border-t border-line px-4 py-3 text-sm text-ink-muted tabular-nums">
              {events.length} {events.length === 1 ? 'event' : 'events'}
              {events.length >= query.limit ? ` (the newest ${query.limit}; narrow the filter to see older ones)` : ''}
            </p>
          </>
        )}
      </SectionCard>

      <SectionCard
        headingId="security-settings-heading"
        title="Rule settings"
        description="Thresholds, working hours and severities the scan uses from its next run. Every change is recorded in the audit log."
      >
        <SecuritySettingsForm settings={settings} canEdit={canEdit} />
      </SectionCard>
    </AdminPage>
  )
}
