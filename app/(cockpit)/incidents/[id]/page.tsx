import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { getIncidentDetail, listResponders, type IncidentDetail } from '@/lib/incidents/board-queries'
import { getPagingStatus } from '@/lib/incidents/paging-queries'
import { uncataloguedServiceKey } from '@/lib/services/queries'
import { formatUtcTimestamp } from '@/lib/format'
import { Badge } from '@/components/ui/badge'
import { Card, CardBody } from '@/components/ui/card'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'
import { SeverityBadge } from '@/components/ui/severity-badge'
import { StatusBadge } from '@/components/ui/status-badge'
import { AlertsTable } from '@/components/incidents/alerts-table'
import { AssigneeForm, SeverityForm } from '@/components/incidents/incident-manage-forms'
import { IncidentLiveRefresh } from '@/components/incidents/incident-live-refresh'
import { IncidentStatusButtons } from '@/components/incidents/incident-status-buttons'
import { IncidentTimeline } from '@/components/incidents/incident-timeline'
import { NoteForm } from '@/components/incidents/note-form'
import { PagingWarning } from '@/components/incidents/paging-warning'
import { PostmortemForm } from '@/components/incidents/postmortem-form'
import { UncataloguedServiceNote } from '@/components/incidents/uncatalogued-service-note'
import { WhatChanged } from '@/components/incidents/what-changed'
import { WorkflowChips } from '@/components/incidents/workflow-chips'
import { Fact } from '@/components/ui/fact'

type Params = { params: Promise<{ id: string }> }

// Generic on purpose: incident titles come from alerts and do not belong in browser history.
export const metadata: Metadata = { title: 'Incident' }

export default async function IncidentPage({ params }: Params) {
  const user = await requirePagePermission('incident:read')
  const { id } = await params
  const [detail, people, paging, unknownService] = await Promise.all([getIncidentDetail(id), listResponders(), getPagingStatus(), uncataloguedServiceKey(id)])
  if (!detail) notFound()
  const { incident, service, maintenance } = detail
  const canAck = hasPermission(user.role, 'incident:ack')
  const canManage = hasPermission(user.role, 'incident:manage')
  const muted = incident.muted || Boolean(maintenance)

  return (
    <StackedPage
      back={{ href: '/incidents', label: 'Incidents' }}
      title={
        <>
          <span className="text-ink-muted tabular-nums">INC-{incident.number}</span> {incident.title}
        </>
      }
      description={<IncidentLiveRefresh incidentId={incident.id} />}
      actions={
        // Not keyed by status: the undo offered after resolving must outlive the refresh that shows it resolved.
        canAck ? <IncidentStatusButtons incidentId={incident.id} number={incident.number} title={incident.title} status={incident.status} /> : undefined
      }
    >
      <Card as="div">
        <CardBody className="space-y-4 py-4">
          <div className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={incident.severity} />
            <StatusBadge status={incident.status} />
            {muted && (
              <Badge tone="neutral" icon="clock">
                Muted (maintenance)
              </Badge>
            )}
            <WorkflowChips workflows={incident.workflows} />
          </div>
          {incident.status !== 'resolved' && !muted && <PagingWarning status={paging} canConfigure={hasPermission(user.role, 'notification:manage')} />}
          {unknownService && <UncataloguedServiceNote serviceKey={unknownService} canCreate={hasPermission(user.role, 'service:manage')} />}
          {maintenance && (
            <p className="rounded-md border border-info-border bg-info-bg px-3 py-2 text-sm text-info-fg" role="note">
              <strong className="font-semibold">Escalation paused:</strong> {service?.name ?? 'the service'} is in maintenance until{' '}
              {formatUtcTimestamp(maintenance.endsAt)}
              {maintenance.reason ? ` (${maintenance.reason})` : ''}. Alerts are still recorded; nobody is paged while it lasts.
            </p>
          )}
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
            <Fact label="Service">
              {service ? (
                <Link href={`/services/${encodeURIComponent(service.key)}`} className="text-accent-fg hover:underline">
                  {service.name} ({service.key})
                </Link>
              ) : (
                'None'
              )}
            </Fact>
            <Fact label="Assignee">{incident.assignee?.name ?? 'Unassigned'}</Fact>
            <Fact label="Opened">
              <RelativeTime date={incident.triggeredAt} />
            </Fact>
            <Fact label="Acknowledged">{incident.acknowledgedAt ? <RelativeTime date={incident.acknowledgedAt} /> : 'Not yet'}</Fact>
            <Fact label="Resolved">{incident.resolvedAt ? <RelativeTime date={incident.resolvedAt} /> : 'Not yet'}</Fact>
            <Fact label="Escalation">
              {incident.escalationPolicy ?? 'No policy'}
              {incident.escalationLevel > 0 ? ` · level ${incident.escalationLevel}` : ''}
              {muted && incident.status === 'triggered' ? (
                <span className="block text-xs text-ink-muted">paused (maintenance)</span>
              ) : (
                incident.nextEscalationAt && (
                  <span className="block text-xs text-ink-muted">
                    next <RelativeTime date={incident.nextEscalationAt} />
                  </span>
                )
              )}
            </Fact>
          </dl>
        </CardBody>
      </Card>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          <SectionCard
            headingId="timeline-heading"
            title="Timeline"
            description="Alerts, moves, notes, notices and their delivery, escalations and related changes, oldest first."
            bare
          >
            <CardBody className="py-4">
              <IncidentTimeline events={detail.events} changes={detail.changes} queued={detail.queued} />
            </CardBody>
            {canManage && (
              <CardBody className="border-t border-line py-4">
                <NoteForm incidentId={incident.id} />
              </CardBody>
            )}
          </SectionCard>

          <SectionCard
            headingId="alerts-heading"
            title="Alerts"
            description={`${incident.alertCount} received, ${incident.openAlertCount} still firing. Repeats are folded into one row.`}
            bare
          >
            {detail.alerts.length === 0 ? (
              <EmptyState title="No alerts recorded" icon="bell">
                This incident was opened without an alert.
              </EmptyState>
            ) : (
              <AlertsTable alerts={detail.alerts} total={incident.alertCount} />
            )}
          </SectionCard>

          <SectionCard
            headingId="changes-heading"
            title="What changed"
            description="Changes made in Wardroom to the affected service in the 2 hours before the incident opened."
            bodyClassName="py-4"
          >
            <WhatChanged service={service} changes={detail.changes} />
          </SectionCard>

          <SectionCard
            headingId="postmortem-heading"
            title="Postmortem"
            description="What happened, why, what it meant for patients' care, and what we will change."
            bodyClassName="py-4"
          >
            {canManage ? (
              <PostmortemForm
                incidentId={incident.id}
                people={people}
                initial={{
                  summary: detail.postmortem?.summary ?? '',
                  rootCause: detail.postmortem?.rootCause ?? '',
                  impact: detail.postmortem?.impact ?? '',
                  actions: (detail.postmortem?.actions ?? []).map((a) => ({ id: a.id, text: a.text, ownerId: a.ownerId ?? '', dueDate: a.dueDate ?? '', done: a.done })),
                }}
              />
            ) : detail.postmortem ? (
              <PostmortemView postmortem={detail.postmortem} />
            ) : (
              <p className="text-sm text-ink-muted">No postmortem has been written.</p>
            )}
          </SectionCard>
        </div>

        {canManage && (
          <aside aria-label="Manage the incident" className="space-y-6">
            <SectionCard headingId="assign-heading" title="Assignee" bodyClassName="py-4">
              <AssigneeForm key={incident.assignee?.id ?? 'none'} incidentId={incident.id} assigneeId={incident.assignee?.id ?? null} people={people} />
            </SectionCard>
            <SectionCard
              headingId="severity-heading"
              title="Severity"
              description="Emergency triage incidents are raised automatically; any change needs a reason."
              bodyClassName="py-4"
            >
              <SeverityForm incidentId={incident.id} severity={incident.severity} />
            </SectionCard>
          </aside>
        )}
      </div>
    </StackedPage>
  )
}

function PostmortemView({ postmortem }: { postmortem: NonNullable<IncidentDetail['postmortem']> }) {
  const section = (title: string, text: string) => (
    <div>
      <h3 className="text-sm font-semibold text-ink">{title}</h3>
      <p className="mt-1 text-sm whitespace-pre-line text-ink-muted">{text || 'Not written yet.'}</p>
    </div>
  )
  return (
    <div className="space-y-4">
      {section('Summary', postmortem.summary)}
      {section('Root cause', postmortem.rootCause)}
      {section('Impact', postmortem.impact)}
      <div>
        <h3 className="text-sm font-semibold text-ink">Follow-up actions</h3>
        {postmortem.actions.length === 0 ? (
          <p className="mt-1 text-sm text-ink-muted">None.</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm">
            {postmortem.actions.map((a) => (
              <li key={a.id}>
                {a.done ? '✓ Done: ' : 'Open: '}
                {a.text}
                <span className="text-ink-muted">
                  {' '}
                  · {a.ownerName ?? 'no owner'}
                  {a.dueDate ? ` · due ${a.dueDate}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
