import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { getSloFormChoices } from '@/lib/slo/manage-reads'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { SloForm } from '@/components/slo/slo-form'

export const metadata: Metadata = { title: 'New objective' }

export default async function NewSloPage() {
  await requirePagePermission('slo:manage')
  const choices = await getSloFormChoices()
  return (
    <StackedPage back={{ href: '/slo/manage', label: 'Manage objectives' }} title="New objective" description="Once created, what it measures is fixed; the target, window and alerting can change at any time.">
      <SectionCard headingId="new-slo-heading" title="Definition">
        <SloForm services={choices.services} escalationPolicies={choices.escalationPolicies} />
      </SectionCard>
    </StackedPage>
  )
}
