import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { timelineItems } from '@/lib/roadmap/queries'
import { timelineLanes } from '@/lib/roadmap/views'
import { StackedPage } from '@/components/ui/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { ButtonLink } from '@/components/ui/button'
import { hasPermission } from '@/lib/rbac'
import { RoadmapViews } from '@/components/roadmap/roadmap-views'
import { Timeline } from '@/components/roadmap/timeline'

export const metadata: Metadata = { title: 'Roadmap timeline' }

/** The roadmap as now / next / later by horizon, each grouped by target quarter; archived items are left out. */
export default async function RoadmapTimelinePage() {
  const user = await requirePagePermission('roadmap:read')
  const items = await timelineItems()
  return (
    <StackedPage title="Roadmap" description="Now, next and later: each item by its horizon (6 months, 18 months, 3 years), grouped by the quarter it targets. Archived items, and items released before this quarter, are left out.">
      <RoadmapViews />
      {items.length === 0 ? (
        <EmptyState title="The roadmap is empty" action={hasPermission(user.role, 'roadmap:edit') ? <ButtonLink href="/roadmap/new" variant="primary">New item</ButtonLink> : undefined}>
          Items appear here by horizon once they are added to the board.
        </EmptyState>
      ) : (
        <Timeline lanes={timelineLanes(items)} />
      )}
    </StackedPage>
  )
}
