import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { listWatchableCompetitors, listWatchSources } from '@/lib/competitors/watch-queries'
import { AddWatchSourceForm } from '@/components/competitors/watch-source-controls'
import { WatchSourcesTable } from '@/components/competitors/watch-sources-table'
import { ButtonLink } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Watched sources' }

/** The competitors' pages and feeds the competitor-watch job fetches daily, how the last check went, and (for editors) adding and removing them. */
export default async function WatchSourcesPage() {
  const user = await requirePagePermission('competitor:read')
  const canEdit = hasPermission(user.role, 'competitor:edit')
  const [sources, competitors] = await Promise.all([listWatchSources(), canEdit ? listWatchableCompetitors() : Promise.resolve([])])
  return (
    <StackedPage
      title="Watched sources"
      description="Pages, release notes and news feeds of competitors. The competitor-watch job fetches each daily through the outbound policy, compares its readable text with the last snapshot and queues what changed for review."
      back={{ href: '/competitors', label: 'Competitor matrix' }}
      actions={<ButtonLink href="/competitors/review">Review queue</ButtonLink>}
    >
      {canEdit && (
        <SectionCard headingId="add-source-heading" title="Add a source" description="Its first fetch is the baseline; changes after it wait in the review queue.">
          <AddWatchSourceForm competitors={competitors} />
        </SectionCard>
      )}
      <SectionCard headingId="sources-heading" title="Sources" description={sources.length ? `${sources.length} watched.` : undefined} bare>
        {sources.length === 0 ? <EmptyState title="No watched sources">Add a competitor’s release notes or news feed to have changes queued for review.</EmptyState> : <WatchSourcesTable rows={sources} canEdit={canEdit} />}
      </SectionCard>
    </StackedPage>
  )
}
