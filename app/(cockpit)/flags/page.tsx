import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { listChangeRequests, listFlags } from '@/lib/flags/queries'
import { hasFlagFilter, parseFlagSearchParams, toListFilters, type SearchParams } from '@/lib/flags/list-filter'
import { ENVIRONMENTS } from '@/lib/flags/schema'
import { hasPermission } from '@/lib/rbac'
import { ButtonLink } from '@/components/ui/button'
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
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
    <div className="space-y-6">
      <PageHeader
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
        className="mb-0"
      />

      {waiting.length > 0 && (
        <Card aria-labelledby="waiting-heading">
          <CardHeader>
            <CardTitle id="waiting-heading" description="Production changes to gated flags apply only after a second person approves them on the flag's page.">
              Waiting for approval
            </CardTitle>
          </CardHeader>
          <PendingRequestsList requests={waiting} viewerId={user.id} />
        </Card>
      )}

      <Card aria-labelledby="flags-heading">
        <CardHeader>
          <CardTitle
            id="flags-heading"
            description={`${flags.length} ${flags.length === 1 ? 'flag' : 'flags'}${filtered ? ' match the filters' : ''}${pending ? ` · ${pending} change${pending === 1 ? '' : 's'} waiting for approval` : ''}`}
          >
            Flags
          </CardTitle>
        </CardHeader>
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
      </Card>

      {canEdit && (
        <Card id="new-flag" aria-labelledby="new-flag-heading" className="scroll-mt-6">
          <CardHeader>
            <CardTitle id="new-flag-heading" description="It starts off in every environment; turn it on per environment on its page.">
              New flag
            </CardTitle>
          </CardHeader>
          <CardBody className="max-w-3xl py-4">
            <CreateFlagForm />
          </CardBody>
        </Card>
      )}
    </div>
  )
}
