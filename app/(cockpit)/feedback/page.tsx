import type { Metadata } from 'next'
import Link from 'next/link'
import { actorOfUser } from '@/lib/auth/actor'
import { requirePagePermission } from '@/lib/auth/guard'
import { parseInboxFilter, toQuery } from '@/lib/feedback/inbox-filter'
import { inboxDepartments, listInbox, listSavedFilters, listTriagers } from '@/lib/feedback/inbox-queries'
import { toInboxItem } from '@/lib/feedback/inbox-view'
import { hasPermission } from '@/lib/rbac'
import { FeedbackTabs } from '@/components/feedback/feedback-tabs'
import { InboxFilterForm } from '@/components/feedback/inbox-filter-form'
import { InboxList } from '@/components/feedback/inbox-list'
import { SavedFilters } from '@/components/feedback/saved-filters'
import { buttonClasses } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Feedback' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** The triage inbox: clinicians' reports and improvement tasks, newest first, filtered by the URL. */
export default async function FeedbackInboxPage({ searchParams }: Props) {
  const user = await requirePagePermission('feedback:read')
  const canTriage = hasPermission(user.role, 'feedback:triage')
  const filter = parseInboxFilter(await searchParams)
  const query = toQuery(filter)
  const now = new Date()
  const [page, departments, people, saved] = await Promise.all([listInbox(actorOfUser(user), filter), inboxDepartments(), listTriagers(), listSavedFilters(user.id)])
  const items = page.items.map((r) => toInboxItem(r, now))
  const filtered = query !== ''
  const next = page.nextCursor ? `/feedback?${toQuery({ ...filter, cursor: page.nextCursor }, { cursor: true })}` : null

  return (
    <StackedPage
      title="Feedback"
      description="Reports from clinicians and improvement tasks from analytics, redacted, prioritised and de-duplicated on arrival. Each must be triaged within its processing SLA; safety concerns open an incident at once."
    >
      <FeedbackTabs />
      <SectionCard headingId="filters-heading" title="Filters" description="Kept in the address, so a view can be shared; save the ones you use.">
        <div className="space-y-3">
          <InboxFilterForm filter={filter} departments={departments} people={people} filtered={filtered} />
          <SavedFilters filters={saved} query={query} />
        </div>
      </SectionCard>
      <SectionCard headingId="inbox-heading" title={filter.cursor ? 'Older items' : 'Items'} description={canTriage ? undefined : 'You may read the inbox; triage is for product managers and safety officers.'}>
        {items.length === 0 ? (
          <EmptyState title={filtered ? 'No items match these filters' : 'No open feedback'}>{filtered ? 'Change or clear the filters to see more.' : 'New reports appear here as they arrive.'}</EmptyState>
        ) : (
          <div className="space-y-3">
            <InboxList items={items} people={people} canTriage={canTriage} />
            <nav aria-label="Pages" className="flex gap-2">
              {filter.cursor && (
                <Link className={buttonClasses('secondary', 'sm')} href={query ? `/feedback?${query}` : '/feedback'}>
                  Newest
                </Link>
              )}
              {next && (
                <Link className={buttonClasses('secondary', 'sm')} href={next}>
                  Older items
                </Link>
              )}
            </nav>
          </div>
        )}
      </SectionCard>
    </StackedPage>
  )
}
