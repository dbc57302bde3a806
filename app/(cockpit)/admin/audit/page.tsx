import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { auditHref, hasAuditFilter, parseAuditSearchParams, type SearchParams } from '@/lib/admin/audit-filter'
import { listAuditActions, listAuditLog, listAuditTargetTypes } from '@/lib/admin/queries'
import { auditNames } from '@/lib/admin/audit-names'
import { ButtonLink } from '@/components/ui/button'
import { CardBody } from '@/components/ui/card'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { Icon } from '@/components/ui/icons'
import { AdminPage } from '@/components/admin/admin-page'
import { AuditFilterForm } from '@/components/admin/audit-filter-form'
import { AuditTable } from '@/components/admin/audit-table'

export const metadata: Metadata = { title: 'Audit log' }

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePagePermission('audit:read')
  const { values, query, invalid } = parseAuditSearchParams(await searchParams)
  const [page, actions, targetTypes] = await Promise.all([listAuditLog(query), listAuditActions(), listAuditTargetTypes()])
  const names = await auditNames(page.rows)
  const filtered = hasAuditFilter(values)

  return (
    <AdminPage
      title="Audit log"
      description="Every change made in Wardroom, by people, API keys and scheduled jobs, newest first. Entries cannot be edited or deleted, and each is chained to the one before it."
    >
      <SectionCard headingId="audit-heading" title="Entries" bare>
        <CardBody className="border-b border-line py-4">
          <AuditFilterForm values={values} invalid={invalid} actions={actions} targetTypes={targetTypes} />
          {invalid.includes('cursor') && (
            <p role="status" className="mt-3 text-sm text-ink-muted">
              The page position in the address was not valid; showing the newest entries.
            </p>
          )}
        </CardBody>

        {page.rows.length === 0 ? (
          <EmptyState
            title={filtered ? 'No entries match these filters' : query.cursor ? 'No older entries' : 'Nothing has been recorded yet'}
            icon="shield"
            action={
              filtered || query.cursor ? (
                <ButtonLink href="/admin/audit" size="sm">
                  {filtered ? 'Clear filters' : 'Back to the newest'}
                </ButtonLink>
              ) : undefined
            }
          >
            {filtered
              ? 'Widen the date range or remove a filter.'
              : 'Changes to users, API keys, flags and incidents appear here as they happen.'}
          </EmptyState>
        ) : (
          <>
            <AuditTable rows={page.rows} names={names} values={values} />
            <nav aria-label="Audit log pages" className="flex flex-wrap items-center justify-between gap-3 border-t border-line px-4 py-3">
              <p className="text-sm text-ink-muted tabular-nums">
                {page.rows.length} {page.rows.length === 1 ? 'entry' : 'entries'}
                {query.cursor ? ' (older page)' : ''}
              </p>
              <div className="flex flex-wrap gap-2">
                {query.cursor && (
                  <ButtonLink href={auditHref(values)} size="sm" variant="ghost">
                    Back to the newest
                  </ButtonLink>
                )}
                {page.nextCursor ? (
                  <ButtonLink href={auditHref(values, page.nextCursor)} size="sm" prefetch={false}>
                    Load older entries
                    <Icon name="chevron" />
                  </ButtonLink>
                ) : (
                  <span className="text-sm text-ink-muted">End of the log{filtered ? ' for these filters' : ''}</span>
                )}
              </div>
            </nav>
          </>
        )}
      </SectionCard>
    </AdminPage>
  )
}
