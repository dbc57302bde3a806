import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { listStepEvents } from '@/lib/analytics/registry-queries'
import { AnalyticsTabs } from '@/components/analytics/analytics-tabs'
import { WorkflowEditor } from '@/components/analytics/workflow-editor'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'New workflow' }

/** A new clinical workflow: ordered steps of registered events, with its funnel from the moment it is saved. */
export default async function NewWorkflowPage() {
  await requirePagePermission('analytics:manage')
  const events = await listStepEvents()
  return (
    <StackedPage
      back={{ href: '/analytics', label: 'Analytics' }}
      title="New workflow"
      description="A workflow is the path clinicians take through a task, as events. Its funnel counts the people who reach each step; the daily insights watch each step for a rise in drop-off."
    >
      <AnalyticsTabs current="/analytics" />
      <SectionCard
        headingId="new-workflow-heading"
        title="Definition"
        description={
          <>
            Steps are chosen from the registered events. An event that is not listed must be registered first on the{' '}
            <Link href="/analytics/events" className="text-accent-fg hover:underline">
              event registry
            </Link>
            .
          </>
        }
        bodyClassName="max-w-5xl py-4"
      >
        <WorkflowEditor workflow={null} events={events} />
      </SectionCard>
    </StackedPage>
  )
}
