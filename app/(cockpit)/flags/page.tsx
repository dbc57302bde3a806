import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { listChangeRequests, listFlags } from '@/lib/flags/queries'
import { hasFlagFilter, parseFlagSearchParams, toListFilters, type SearchParams } from '@/lib/flags/list-filter'
import { ENVIRONMENTS } from '@/lib/flags/schema'
import { hasPermission } from '@/lib/rbac'
import { ButtonLink } from '@/components/ui/button'
import { CardBody } from '@/components/ui/card'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { CreateFlagForm } from '@/components/flags/create-flag-form'
import { FlagFilterForm } from '@/components/flags/flag-filter-form'
import { FlagTable } from '@/components/flags/flag-table'
import { PendingRequestsList } from '@/components/flags/pending-requests-list'

export const metadata: Metadata = { title: 'Feature flags' }

export default async function FlagsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission('flag:read')
  const canEdit = hasPermission(user.role, 'flag:edit')
  const { values, invalid } = parseFlagSearchParams(await searchParams)
  const filtered = hasFlagFilter(values)
  const [flags, all, waiting] = await Promise.all([listFlags(toListFilters(values)), filtered ? listFlags() : null, listChangeRequests('pending')])
  const tags = [...new Set((all ?? flags).flatMap((f) => f.tags))].sort()
  const environments = values.environment ? [values.environment] : ENVIRONMENTS
  const pending = flags.reduce((s, f) => s + f.pendingChangeRequests, 0)

  return (
    <StackedPage
      title="Feature flags"
      description="Toggles, targeting and canary rollouts per environment. Flags for clinical decision support, diagnostics or PHI need their compliance evidence, and production changes to them a second person's approval."
      actions={
        <>
          <ButtonLink href="/flags/experiments">Experiments</ButtonLink>
          {canEdit && (
            <ButtonLink href="#new-flag" variant="primary">
              New flag
            </ButtonLink>
          )}
        </>
      }
    >
      {waiting.length > 0 && (
        <SectionCard
          headingId="waiting-heading"
          title="Waiting for approval"
          description="Production changes to gated flags apply only after a second person approves them on the flag's page."
          bare
        >
          <PendingRequestsList requests={waiting} viewerId={user.id} />
        </SectionCard>
      )}

      <SectionCard
        headingId="flags-heading"
        title="Flags"
        description={`${flags.length} ${flags.length === 1 ? 'flag' : 'flags'}${filtered ? ' match the filters' : ''}${pending ? ` · ${pending} change${pending === 1 ? '' : 's'} waiting for approval` : ''}`}
        bare
      >
        <CardBody className="border-b border-line">
          <FlagFilterForm values={values} invalid={invalid} tags={tags} />
        </CardBody>
        {flags.length === 0 ? (
          filtered ? (
            <EmptyState title="No flag matches these filters" icon="search" action={<ButtonLink href="/flags" size="sm">Clear filters</ButtonLink>}>
              Try another environment, category, tag or lifecycle.
            </EmptyState>
          ) : (
            <EmptyState title="No feature flags yet" icon="flag">
              A flag lets a model, workflow or screen be switched, targeted and rolled out without a deploy.{canEdit ? ' Create the first one below.' : ''}
            </EmptyState>
          )
        ) : (
          <FlagTable flags={flags} environments={environments} />
        )}
      </SectionCard>

      {canEdit && (
        <SectionCard
          id="new-flag"
          headingId="new-flag-heading"
          title="New flag"
          description="It starts off in every environment; turn it on per environment on its page."
          className="scroll-mt-6"
          bodyClassName="max-w-3xl py-4"
        >
          <CreateFlagForm />
        </SectionCard>
      )}
    </StackedPage>
  )
}
