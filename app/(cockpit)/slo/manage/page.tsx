import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { listManagedSlos } from '@/lib/slo/manage-reads'
import { EmptyState } from '@/components/ui/empty-state'
import { buttonClasses } from '@/components/ui/button'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { ManagedSloTable } from '@/components/slo/managed-slo-table'
import { OpenSloImport } from '@/components/slo/openslo-import'
import { SloTabs } from '@/components/slo/slo-tabs'

export const metadata: Metadata = { title: 'Manage objectives' }

export default async function SloManagePage() {
  const user = await requirePagePermission('slo:manage')
  const slos = await listManagedSlos()

  return (
    <StackedPage
      back={{ href: '/slo', label: 'Service levels' }}
      title="Manage objectives"
      description="Define the objectives you own: what is measured, the target and window, and who is paged when the error budget burns. Every change is audited; a new target or window applies to the whole history at once."
      primaryAction={{ href: '/slo/manage/new', label: 'New SLO' }}
      actions={
        // A download from a route handler: a plain link, not client-side navigation.
        <a href="/api/slo/openslo" download className={buttonClasses('secondary')}>
          Export OpenSLO
        </a>
      }
    >
      <SloTabs current="/slo" showReports={hasPermission(user.role, 'report:read')} />
      <SectionCard headingId="objectives-heading" title="Objectives" description="Archived objectives are listed last; their history is kept." bare>
        {slos.length === 0 ? (
          <EmptyState title="No objectives yet" icon="chart">
            Create one with New SLO, or import an OpenSLO file below.
          </EmptyState>
        ) : (
          <ManagedSloTable slos={slos} />
        )}
      </SectionCard>
      <SectionCard
        headingId="import-heading"
        title="Import OpenSLO"
        description="SLOs as code: apply an OpenSLO v1 file (the same as npm run cli -- slo:apply --file F). Applying the same file again changes nothing."
      >
        <OpenSloImport />
      </SectionCard>
    </StackedPage>
  )
}
