import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { listCatalogue, listOwnerTeams } from '@/lib/services/queries'
import { parseCatalogueFilters } from '@/lib/services/schema'
import { ButtonLink } from '@/components/ui/button'
import { CardBody } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { ServiceFilterForm } from '@/components/services/service-filter-form'
import { ServiceTable } from '@/components/services/service-table'

export const metadata: Metadata = { title: 'Services' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** The service catalogue: who owns what, how critical it is, and how it is doing now. */
export default async function ServicesPage({ searchParams }: Props) {
  const user = await requirePagePermission('incident:read')
  const canManage = hasPermission(user.role, 'service:manage')
  const showSlo = hasPermission(user.role, 'slo:read')
  const { filters, invalid } = parseCatalogueFilters(await searchParams)
  const filtered = Boolean(filters.tier || filters.owner)
  const [services, owners] = await Promise.all([listCatalogue(filters, { withSlo: showSlo }), listOwnerTeams()])

  return (
    <StackedPage
      title="Services"
      description="The service catalogue: each service's owner, tier, runbook, escalation policy and dependencies, with its open incidents and SLO status. Alerts name services by key; an alert for a key not listed here lands on Unassigned."
      primaryAction={canManage ? { href: '/services/new', label: 'New service' } : undefined}
    >
      <SectionCard
        headingId="services-heading"
        title="Catalogue"
        description={`${services.length} ${services.length === 1 ? 'service' : 'services'}${filtered ? ' match the filters' : ''}${filters.archived ? ', archived ones included' : ''}.`}
        bare
      >
        <CardBody className="border-b border-line">
          <ServiceFilterForm filters={filters} invalid={invalid} owners={owners} />
        </CardBody>
        {services.length === 0 ? (
          filtered ? (
            <EmptyState title="No service matches these filters" icon="search" action={<ButtonLink href="/services" size="sm">Clear filters</ButtonLink>}>
              Try another tier or owner team.
            </EmptyState>
          ) : (
            <EmptyState title="No services yet" icon="list" action={canManage ? <ButtonLink href="/services/new" size="sm">New service</ButtonLink> : undefined}>
              A service is what alerts name: add one so its incidents get its owner, escalation policy and runbook.
            </EmptyState>
          )
        ) : (
          <ServiceTable services={services} showSlo={showSlo} />
        )}
      </SectionCard>
    </StackedPage>
  )
}
