import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { listPendingChanges, listRecentReviews, reviewChoices } from '@/lib/competitors/watch-queries'
import { ChangeReview } from '@/components/competitors/change-review'
import { EvidenceImportForm } from '@/components/competitors/evidence-import-form'
import { RecentReviews } from '@/components/competitors/recent-reviews'
import { WatchChangeDiff } from '@/components/competitors/watch-change-diff'
import { ButtonLink } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Review watched changes' }

/**
 * The review queue of the competitor watch: each pending change with its diff; editors accept it into a
 * cell (evidence through the matrix's own command), as a price or a SWOT item, or dismiss it.
 */
export default async function CompetitorReviewPage() {
  const user = await requirePagePermission('competitor:read')
  const canEdit = hasPermission(user.role, 'competitor:edit')
  const [pending, recent] = await Promise.all([listPendingChanges(), listRecentReviews()])
  const choices = canEdit ? await reviewChoices([...new Set(pending.map((c) => c.competitor.id))]) : null

  return (
    <StackedPage
      title="Review watched changes"
      description="The competitor-watch job fetches watched pages and feeds daily and records what changed. Nothing reaches the matrix until someone accepts it: into a cell, as a price or as a SWOT item."
      back={{ href: '/competitors', label: 'Competitor matrix' }}
      actions={<ButtonLink href="/competitors/sources">Watched sources</ButtonLink>}
    >
      <SectionCard headingId="pending-heading" title="Waiting for review" description={pending.length === 0 ? undefined : `${pending.length} change${pending.length === 1 ? '' : 's'}, newest first.`} bare={pending.length === 0}>
        {pending.length === 0 ? (
          <EmptyState title="Nothing to review">Changes appear here when a watched page or feed differs from its last snapshot. A new source’s first fetch is only its baseline.</EmptyState>
        ) : (
          <ol className="space-y-6">
            {pending.map((c) => {
              const headingId = `change-${c.id}`
              const label = `${c.competitor.name} · ${c.source.label}`
              return (
                <li key={c.id}>
                  <article aria-labelledby={headingId} className="space-y-3 border-b border-line pb-6 last:border-b-0 last:pb-0">
                    <header className="flex flex-wrap items-baseline justify-between gap-2">
                      <h3 id={headingId} className="font-semibold text-ink">
                        {label}
                      </h3>
                      <p className="text-sm text-ink-muted">
                        {c.summary} · detected <RelativeTime date={c.detectedAt} /> ·{' '}
                        <a href={c.source.url} rel="noopener noreferrer nofollow" target="_blank" className="break-all hover:underline">
                          source
                          <span className="sr-only"> (opens in a new tab)</span>
                        </a>
                      </p>
                    </header>
                    <WatchChangeDiff diff={c.diff} items={c.items} />
                    {choices && <ChangeReview changeId={c.id} label={label} capabilities={choices.capabilities} cells={choices.cells[c.competitor.id] ?? {}} />}
                  </article>
                </li>
              )
            })}
          </ol>
        )}
      </SectionCard>

      <SectionCard headingId="reviewed-heading" title="Recently reviewed" bare>
        {recent.length === 0 ? <EmptyState title="No change reviewed yet">Accepted and dismissed changes are listed here with who decided.</EmptyState> : <RecentReviews rows={recent} />}
      </SectionCard>

      {canEdit && (
        <SectionCard
          headingId="import-heading"
          title="Import evidence from CSV"
          description="Evidence gathered elsewhere (a spreadsheet, an analyst’s report): each row is checked and recorded like evidence typed on a cell’s page, notes redacted; refused rows are listed with their line."
        >
          <EvidenceImportForm />
        </SectionCard>
      )}
    </StackedPage>
  )
}
