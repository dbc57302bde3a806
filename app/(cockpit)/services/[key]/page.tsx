import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { getServicePage, serviceFormOptions } from '@/lib/services/queries'
import { TIER_LABELS } from '@/lib/services/schema'
import { Badge } from '@/components/ui/badge'
import { Card, CardBody } from '@/components/ui/card'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { ServiceForm } from '@/components/services/service-form'
import { ServiceLifecycle } from '@/components/services/service-lifecycle'
import {
  DependenciesSection,
  FlagsSection,
  IncidentsSection,
  MaintenanceSection,
  ProbesSection,
  SlosSection,
} from '@/components/services/service-sections'
import { TierBadge } from '@/components/services/tier-badge'
import { Fact } from '@/components/ui/fact'

type Props = { params: Promise<{ key: string }> }

export const metadata: Metadata = { title: 'Service' }

/** One service with everything about it in one place: incidents, SLOs, probes, rollouts, maintenance, dependencies. */
export default async function ServicePage({ params }: Props) {
  const user = await requirePagePermission('incident:read')
  const { key } = await params
  const page = await getServicePage(decodeURIComponent(key), { withSlo: hasPermission(user.role, 'slo:read'), withFlags: hasPermission(user.role, 'flag:read') })
  if (!page) notFound()
  const { service, escalation } = page
  const canManage = hasPermission(user.role, 'service:manage') && !service.isDefault
  const options = canManage ? await serviceFormOptions({ id: service.id, dependsOn: page.dependsOn.map((d) => d.id) }) : null

  return (
    <StackedPage
      back={{ href: '/services', label: 'Services' }}
      title={service.name}
      description={service.description || undefined}
      actions={canManage ? <ServiceLifecycle id={service.id} name={service.name} archived={Boolean(service.archivedAt)} deletable={!page.referenced} /> : undefined}
    >
      <Card as="div">
        <CardBody className="space-y-3 py-4">
          <div className="flex flex-wrap items-center gap-2">
            <TierBadge tier={service.tier} />
            {service.tier && <span className="text-sm text-ink-muted">{TIER_LABELS[service.tier].split(' · ')[1]}</span>}
            {service.archivedAt && (
              <Badge tone="neutral" icon="minus">
                Archived
              </Badge>
            )}
            {service.isDefault && (
              <Badge tone="info" icon="info">
                Default service for alerts naming an unknown service
              </Badge>
            )}
          </div>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-5">
            <Fact label="Key">
              <span className="font-mono">{service.key}</span>
            </Fact>
            <Fact label="Owner team">{service.ownerTeam || 'Not set'}</Fact>
            <Fact label="Runbook">
              {service.runbookUrl ? (
                <a href={service.runbookUrl} target="_blank" rel="noopener noreferrer" className="text-accent-fg hover:underline">
                  Open the runbook<span className="sr-only"> (opens in a new tab)</span>
                </a>
              ) : (
                'None'
              )}
            </Fact>
            <Fact label="Escalation policy">
              {escalation ? `${escalation.name}${escalation.inherited ? ' (default)' : escalation.levels ? ` · ${escalation.levels} level${escalation.levels === 1 ? '' : 's'}` : ''}` : 'None: nobody is paged'}
            </Fact>
            <Fact label="Clinical workflows">{service.workflows.length ? service.workflows.map((w) => w.replace(/_/g, ' ')).join(', ') : 'None'}</Fact>
          </dl>
        </CardBody>
      </Card>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          <IncidentsSection page={page} />
          <SlosSection page={page} />
          <FlagsSection page={page} />
        </div>
        <div className="min-w-0 space-y-6">
          <DependenciesSection page={page} />
          <ProbesSection page={page} />
          <MaintenanceSection page={page} />
        </div>
      </div>

      {canManage && options && (
        <SectionCard headingId="edit-heading" title="Edit service" description="Every change is recorded in the audit log." bodyClassName="max-w-3xl py-4">
          <ServiceForm
            initial={{
              id: service.id,
              key: service.key,
              name: service.name,
              description: service.description,
              ownerTeam: service.ownerTeam,
              tier: service.tier,
              runbookUrl: service.runbookUrl,
              escalationPolicyId: service.escalationPolicyId,
              dependsOn: page.dependsOn.map((d) => d.id),
            }}
            options={options}
          />
        </SectionCard>
      )}
    </StackedPage>
  )
}
