import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { getEventRegistry, VOLUME_DAYS } from '@/lib/analytics/registry-queries'
import { REGISTRY_CACHE_MS } from '@/lib/analytics/registry'
import { formatNumber } from '@/lib/format'
import { AnalyticsTabs } from '@/components/analytics/analytics-tabs'
import { EventRegisterForm } from '@/components/analytics/event-register-form'
import { QuarantineTable, RegisteredEventTable } from '@/components/analytics/event-tables'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Event registry' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/**
 * The event schema registry: which events may carry which properties, who owns them, and the quarantine
 * of unknown events. `?event=<name>` opens the form that registers (or edits) that event.
 */
export default async function EventRegistryPage({ searchParams }: Props) {
  const user = await requirePagePermission('analytics:read')
  const canManage = hasPermission(user.role, 'analytics:manage')
  const raw = (await searchParams).event
  const chosen = Array.isArray(raw) ? raw[0] : raw
  const registry = await getEventRegistry()
  const editing = canManage && chosen ? ([...registry.quarantined, ...registry.registered].find((e) => e.name === chosen) ?? null) : null
  const editingRegistered = editing ? registry.registered.includes(editing) : false
  const seconds = REGISTRY_CACHE_MS / 1000

  return (
    <StackedPage
      title="Event registry"
      description={`What each analytics event may carry: its allowed properties and their types, and who answers for it. Properties an event is not allowed are dropped at ingest and counted; events nobody registered are kept without any properties, in quarantine, until someone registers them. Volumes are events of the last ${VOLUME_DAYS} days.`}
    >
      <AnalyticsTabs current="/analytics/events" />

      {editing && (
        <SectionCard
          id="event-form"
          headingId="event-form-heading"
          title={
            <>
              {editingRegistered ? 'Edit' : 'Register'} <span className="font-mono">{editing.name}</span>
            </>
          }
          description={
            editingRegistered
              ? `A change applies to events that arrive from now on (on every Wardroom instance within ${seconds} seconds); stored events keep what they were stored with.`
              : `Registering changes what is kept from now on (on every Wardroom instance within ${seconds} seconds). The ${formatNumber(editing.volume)} events already in quarantine keep no properties: they were dropped when the events arrived and cannot be recovered.`
          }
          bodyClassName="max-w-4xl py-4"
        >
          <EventRegisterForm
            key={editing.name}
            name={editing.name}
            registered={editingRegistered}
            owner={editing.owner ?? ''}
            description={editing.description ?? ''}
            properties={editing.properties}
          />
        </SectionCard>
      )}
      {chosen && canManage && !editing && (
        <SectionCard headingId="event-missing-heading" title="No such event">
          <p className="text-sm text-ink-muted">No event named “{chosen}” has arrived or been registered. An unknown event appears in quarantine when it is first sent.</p>
        </SectionCard>
      )}

      <SectionCard
        headingId="quarantine-heading"
        title="Quarantine"
        description={
          registry.quarantined.length === 0
            ? 'Unknown events appear here when a client first sends them.'
            : `${registry.quarantined.length} unknown ${registry.quarantined.length === 1 ? 'event' : 'events'}, ${formatNumber(registry.quarantinedVolume)} stored in the last ${VOLUME_DAYS} days without their properties.${canManage ? ' Register one to keep its properties from now on.' : ''}`
        }
        bare
      >
        {registry.quarantined.length === 0 ? (
          <EmptyState title="Nothing in quarantine" icon="check-circle">
            Every event that has arrived is registered.
          </EmptyState>
        ) : (
          <QuarantineTable rows={registry.quarantined} canManage={canManage} />
        )}
      </SectionCard>

      <SectionCard
        headingId="registered-heading"
        title="Registered events"
        description={`${registry.registered.length} ${registry.registered.length === 1 ? 'event' : 'events'}. Workflow steps are made of these.`}
        bare
      >
        {registry.registered.length === 0 ? (
          <EmptyState title="No registered events yet" icon="list">
            The demo seed registers the events of the clinical workflows; events sent by a client appear in quarantine until registered.
          </EmptyState>
        ) : (
          <RegisteredEventTable rows={registry.registered} canManage={canManage} />
        )}
      </SectionCard>
    </StackedPage>
  )
}
