import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { actorOfUser } from '@/lib/auth/actor'
import { requirePagePermission } from '@/lib/auth/guard'
import { getFeedbackDetail, listTriagers } from '@/lib/feedback/inbox-queries'
import { screenshotInfo } from '@/lib/feedback/screenshots'
import { slaTimer } from '@/lib/feedback/sla-timer'
import { redactionText, SOURCE_LABELS, STATUS_LABELS } from '@/lib/feedback/words'
import { hasPermission } from '@/lib/rbac'
import { DetailActions } from '@/components/feedback/detail-actions'
import { PriorityBadge, SafetyBadge, SlaBadge, StatusBadge, TypeBadge } from '@/components/feedback/feedback-badges'
import { FeedbackTrail } from '@/components/feedback/feedback-trail'
import { ScreenshotViewer } from '@/components/feedback/screenshot-viewer'
import { Fact } from '@/components/ui/fact'
import { RelativeTime } from '@/components/ui/relative-time'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Feedback item' }

type Props = { params: Promise<{ id: string }> }

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v)

/** One feedback item: its (redacted) text, context, duplicates, links, triage moves and audit trail. */
export default async function FeedbackItemPage({ params }: Props) {
  const user = await requirePagePermission('feedback:read')
  const { id } = await params
  const detail = await getFeedbackDetail(actorOfUser(user), id)
  if (!detail) notFound()
  const { item, similarTo, roadmapItem, trail } = detail
  const canTriage = hasPermission(user.role, 'feedback:triage')
  const actor = actorOfUser(user)
  const [people, screenshot] = canTriage ? await Promise.all([listTriagers(), screenshotInfo(actor, item.id)]) : [[], null]
  const timer = slaTimer(item.slaDueAt, item.triagedAt, new Date())
  const redacted = redactionText(item.redactions)

  return (
    <StackedPage title={`FB-${item.number}${item.title ? ` · ${item.title}` : ''}`} back={{ href: '/feedback', label: 'Feedback inbox' }} description={item.priorityReason}>
      <div className="flex flex-wrap items-center gap-1.5">
        {item.safetyConcern && <SafetyBadge />}
        <PriorityBadge priority={item.priority} />
        <TypeBadge type={item.type} />
        <StatusBadge status={item.status} />
        <SlaBadge timer={timer} dueAt={item.slaDueAt} />
      </div>
      {item.safetyConcern && (
        <p role="note" className="rounded-md border border-critical-border bg-critical-bg px-3 py-2 text-sm text-critical-fg">
          Patient-safety concern{item.safetyCue ? ` (cue: ${item.safetyCue})` : ''}: never merged or closed automatically; every step is audited below.{' '}
          {item.incident ? (
            <Link href={`/incidents/${item.incident.id}`} className="font-medium underline">
              Incident INC-{item.incident.number} ({item.incident.status})
            </Link>
          ) : (
            'Its incident is being opened (retried every few minutes until it is).'
          )}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <SectionCard headingId="text-heading" title="Report" description={redacted ? `Redacted before storage: ${redacted}` : 'No identifiers were found to redact.'}>
            <p className="text-sm break-words whitespace-pre-wrap">{item.description}</p>
            {item.link && (
              <p className="mt-2 text-sm">
                <Link href={item.link} className="text-accent-fg underline">
                  Open the funnel{item.workflowKey ? ` of ${item.workflowKey}` : ''}
                  {item.workflowStep ? `, step ${item.workflowStep}` : ''}
                </Link>
              </p>
            )}
            {item.closingNote && (
              <p className="mt-2 text-sm">
                <span className="font-medium">Closing note:</span> {item.closingNote}
              </p>
            )}
          </SectionCard>
          {screenshot && (
            <SectionCard
              headingId="screenshot-heading"
              title="Screenshot — may show patient information"
              description={
                screenshot.expired
                  ? undefined
                  : `${Math.ceil(screenshot.sizeBytes / 1024)} kB ${screenshot.contentType === 'image/png' ? 'PNG' : 'JPEG'} from the host app, metadata removed. Only triage staff can see it; each view is audited. Deleted ${screenshot.expiresAt.toISOString().slice(0, 10)}.`
              }
            >
              {screenshot.expired ? (
                <p className="text-sm text-ink-muted">
                  The screenshot expired on {screenshot.expiresAt.toISOString().slice(0, 10)} and was deleted (kept for the retention period only).
                </p>
              ) : (
                <ScreenshotViewer itemId={item.id} number={item.number} />
              )}
            </SectionCard>
          )}
          {canTriage && (
            <SectionCard headingId="triage-heading" title="Triage" description="Keys on this page: s status, a assign, m merge, l link.">
              <DetailActions id={item.id} number={item.number} status={item.status} assigneeId={item.assignee?.id ?? null} people={people} />
            </SectionCard>
          )}
          <SectionCard headingId="dups-heading" title={`Duplicates (${item.duplicates.length})`} description={item.affectedDepartments.length ? `Departments affected: ${item.affectedDepartments.join(', ')}` : undefined}>
            {item.parent && (
              <p className="mb-2 text-sm">
                A duplicate of{' '}
                <Link href={`/feedback/${item.parent.id}`} className="text-accent-fg underline">
                  FB-{item.parent.number}
                </Link>{' '}
                ({STATUS_LABELS[item.parent.status]}){item.similarity !== null ? `, similarity ${item.similarity.toFixed(2)}` : ''}.
              </p>
            )}
            {similarTo && (
              <p className="mb-2 text-sm">
                Resembles{' '}
                <Link href={`/feedback/${similarTo.id}`} className="text-accent-fg underline">
                  FB-{similarTo.number}
                </Link>{' '}
                (not merged: a safety concern is merged only by a person, with a note).
              </p>
            )}
            {item.duplicates.length === 0 ? (
              <p className="text-sm text-ink-muted">No duplicates.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {item.duplicates.map((d) => (
                  <li key={d.id}>
                    <Link href={`/feedback/${d.id}`} className="text-accent-fg underline">
                      FB-{d.number}
                    </Link>{' '}
                    · {d.department ?? 'no department'} · <RelativeTime date={d.createdAt} />
                    {d.similarity !== null ? ` · similarity ${d.similarity.toFixed(2)}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </SectionCard>
          <SectionCard headingId="trail-heading" title="Handling" description="The audit trail of this item.">
            <FeedbackTrail trail={trail} />
          </SectionCard>
        </div>
        <SectionCard headingId="facts-heading" title="Details">
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-1">
            <Fact label="Received">
              <RelativeTime date={item.createdAt} />
            </Fact>
            <Fact label="Source">{SOURCE_LABELS[item.source]}</Fact>
            <Fact label="Category">{item.category}</Fact>
            <Fact label="Assignee">{item.assignee?.name ?? 'Nobody'}</Fact>
            <Fact label="Triaged">{item.triagedAt ? <RelativeTime date={item.triagedAt} /> : 'Not yet'}</Fact>
            {item.slaEscalatedAt && (
              <Fact label="SLA escalated">
                <RelativeTime date={item.slaEscalatedAt} />
              </Fact>
            )}
            <Fact label="Incident">
              {item.incident ? (
                <Link href={`/incidents/${item.incident.id}`} className="text-accent-fg underline">
                  INC-{item.incident.number}
                </Link>
              ) : (
                '—'
              )}
            </Fact>
            <Fact label="Flag">
              {item.flagKey ? (
                <Link href={`/flags/${encodeURIComponent(item.flagKey)}`} className="text-accent-fg underline">
                  {item.flagKey}
                </Link>
              ) : (
                '—'
              )}
            </Fact>
            <Fact label="Roadmap">
              {roadmapItem ? (
                <Link href={`/roadmap/${roadmapItem.id}`} className="text-accent-fg underline">
                  RM-{roadmapItem.number} {roadmapItem.title} ({roadmapItem.stage.replace('_', ' ')})
                </Link>
              ) : (
                '—'
              )}
            </Fact>
            <Fact label="Rating">{dash(item.rating)}</Fact>
            <Fact label="Department">{dash(item.department)}</Fact>
            <Fact label="Role">{dash(item.role)}</Fact>
            <Fact label="Screen">{dash(item.screen)}</Fact>
            <Fact label="App version">{dash(item.appVersion)}</Fact>
            <Fact label="Model version">{dash(item.modelVersion)}</Fact>
            <Fact label="Site">{dash(item.site)}</Fact>
          </dl>
        </SectionCard>
      </div>
    </StackedPage>
  )
}
