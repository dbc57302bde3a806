import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { ServiceKey } from '@/lib/incidents/schema'
import { serviceFormOptions } from '@/lib/services/queries'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { ServiceForm } from '@/components/services/service-form'

export const metadata: Metadata = { title: 'New service' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** The new-service form; `?key=` prefills the key (the incident page links here for an unknown service). */
export default async function NewServicePage({ searchParams }: Props) {
  await requirePagePermission('service:manage')
  const raw = (await searchParams).key
  const key = ServiceKey.safeParse(Array.isArray(raw) ? raw[0] : (raw ?? ''))
  const options = await serviceFormOptions()
  return (
    <StackedPage back={{ href: '/services', label: 'Services' }} title="New service" description="Alerts that name its key open incidents on it, with its escalation policy.">
      <SectionCard headingId="new-service-heading" title="Service" bodyClassName="max-w-3xl py-4">
        <ServiceForm
          initial={{ key: key.success ? key.data : '', name: '', description: '', ownerTeam: '', tier: null, runbookUrl: null, escalationPolicyId: null, dependsOn: [] }}
          options={options}
        />
      </SectionCard>
    </StackedPage>
  )
}
