import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { getSloForEdit, getSloFormChoices } from '@/lib/slo/manage-reads'
import { buttonClasses } from '@/components/ui/button'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { ArchiveSloButton } from '@/components/slo/archive-slo-button'
import { SloForm } from '@/components/slo/slo-form'

export const metadata: Metadata = { title: 'Edit objective' }

type Props = { params: Promise<{ key: string }> }

export default async function EditSloPage({ params }: Props) {
  await requirePagePermission('slo:manage')
  const { key } = await params
  const [slo, choices] = await Promise.all([getSloForEdit(key), getSloFormChoices()])
  if (!slo) notFound()
  const { spec } = slo
  return (
    <StackedPage
      back={{ href: '/slo/manage', label: 'Manage objectives' }}
      title={`Edit ${spec.name}`}
      description={slo.archivedAt ? 'Archived: not evaluated and not on the dashboard; restore it to bring it back.' : 'A new target, window or budgeting method applies to the whole history at once.'}
      actions={
        <>
          <a href={`/api/slo/openslo?key=${encodeURIComponent(spec.key)}`} download className={buttonClasses('secondary')}>
            Export OpenSLO
          </a>
          <ArchiveSloButton sloKey={spec.key} name={spec.name} archived={slo.archivedAt !== null} />
        </>
      }
    >
      <SectionCard headingId="edit-slo-heading" title="Definition">
        <SloForm initial={spec} services={choices.services} escalationPolicies={choices.escalationPolicies} />
      </SectionCard>
    </StackedPage>
  )
}
