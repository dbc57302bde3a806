import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { getWorkflowPage, listStepEvents } from '@/lib/analytics/registry-queries'
import { AnalyticsTabs } from '@/components/analytics/analytics-tabs'
import { WorkflowDeleteButton } from '@/components/analytics/workflow-delete-button'
import { WorkflowEditor } from '@/components/analytics/workflow-editor'
import { WorkflowSummary } from '@/components/analytics/workflow-summary'
import { ButtonLink } from '@/components/ui/button'
import { StackedPage } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Workflow' }

type Props = { params: Promise<{ key: string }> }

/** One clinical workflow: its definition, editable by those who manage analytics, read-only for the rest. */
export default async function WorkflowPage({ params }: Props) {
  const user = await requirePagePermission('analytics:read')
  const canManage = hasPermission(user.role, 'analytics:manage')
  const { key } = await params
  const page = await getWorkflowPage(decodeURIComponent(key))
  if (!page) notFound()
  const { workflow } = page
  const events = canManage ? await listStepEvents() : []

  return (
    <StackedPage
      back={{ href: '/analytics', label: 'Analytics' }}
      title={workflow.name}
      description={workflow.description}
      actions={
        <>
          <ButtonLink href={`/analytics/funnels?workflow=${encodeURIComponent(workflow.key)}`} variant="primary">
            Open funnel
          </ButtonLink>
          {canManage && <WorkflowDeleteButton workflowKey={workflow.key} name={workflow.name} />}
        </>
      }
    >
      <AnalyticsTabs current="/analytics" />
      <p className="text-sm text-ink-muted">
        Changed <RelativeTime date={page.updatedAt} />.{' '}
        {page.openInsights > 0 ? (
          <Link href="/analytics/insights" className="text-accent-fg hover:underline">
            {page.openInsights} open {page.openInsights === 1 ? 'insight' : 'insights'} about it
          </Link>
        ) : (
          'No open insights about it.'
        )}
      </p>
      {canManage ? (
        <SectionCard
          headingId="workflow-edit-heading"
          title="Definition"
          description="Funnels and the daily insights use the saved definition from then on; the events themselves do not change. Every change is recorded in the audit log."
          bodyClassName="max-w-5xl py-4"
        >
          <WorkflowEditor workflow={workflow} events={events} />
        </SectionCard>
      ) : (
        <SectionCard headingId="workflow-heading" title="Definition" description="Product managers edit workflows; you can read this one and open its funnel.">
          <WorkflowSummary workflow={workflow} />
        </SectionCard>
      )}
    </StackedPage>
  )
}
