import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { getThreatSettings, listCatalogue } from '@/lib/competitors/settings'
import { CAPABILITY_GROUP_LABELS, type CapabilityGroup } from '@/lib/competitors/schema'
import { ArchiveCompetitorButton, CapabilityForm, CompetitorForm } from '@/components/competitors/catalogue-forms'
import { ThreatSettingsForm } from '@/components/competitors/threat-settings-form'
import { actionsColumn, CellNote, CellTitle, DataTable } from '@/components/ui/data-table'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Matrix settings' }

/** Who is compared on what, and how threats are read (competitor editors). Every change is audited. */
export default async function MatrixSettingsPage() {
  await requirePagePermission('competitor:edit')
  const [settings, { competitors, capabilities }] = await Promise.all([getThreatSettings(), listCatalogue()])
  type Row = (typeof competitors)[number]
  return (
    <StackedPage
      title="Matrix settings"
      description="Who is compared on what, and how threat levels are read from the scores. The matrix, its gaps and the roadmap links use them at once; each change is recorded in the audit log."
      back={{ href: '/competitors', label: 'Competitor matrix' }}
    >
      <SectionCard headingId="settings-heading" title="Threat thresholds and windows" description="Capability threat = importance × lead × overlap factor × momentum factor; competitor threat = weighted mean lead × overlap factor × momentum factor (lib/competitors/README.md).">
        <ThreatSettingsForm settings={settings} />
      </SectionCard>

      <SectionCard headingId="competitors-heading" title="Competitors" description="Archive one to take it out of the matrix; its evidence is kept." bare>
        <DataTable
          caption="Competitors"
          captionHidden
          rows={competitors}
          rowKey={(c) => c.id}
          columns={[
            {
              header: 'Name',
              cell: (c) => (
                <>
                  <CellTitle text={c.isUs ? `${c.name} (us)` : c.name} />
                  <CellNote>{[c.key, c.segment, c.position].filter(Boolean).join(' · ')}</CellNote>
                </>
              ),
            },
            { header: 'Market overlap', numeric: true, cell: (c) => `${c.marketOverlap} %` },
            { header: 'In the matrix', cell: (c) => (c.archivedAt ? 'archived' : 'yes') },
            actionsColumn<Row>((c) => (c.isUs ? null : <ArchiveCompetitorButton id={c.id} name={c.name} archived={c.archivedAt !== null} />)),
          ]}
        />
        <div className="border-t border-line p-4">
          <CompetitorForm />
        </div>
      </SectionCard>

      <SectionCard headingId="capabilities-heading" title="Capability taxonomy" description={`${capabilities.length} capabilities; importance weighs gaps and threats.`} bare>
        <DataTable
          caption="Capabilities"
          captionHidden
          rows={capabilities}
          rowKey={(c) => c.id}
          columns={[
            {
              header: 'Capability',
              cell: (c) => (
                <>
                  <CellTitle text={c.name} />
                  <CellNote>{c.key}</CellNote>
                </>
              ),
            },
            { header: 'Group', cell: (c) => CAPABILITY_GROUP_LABELS[c.group as CapabilityGroup] ?? c.group },
            { header: 'Importance', numeric: true, cell: (c) => `${c.weight} of 5` },
          ]}
        />
        <div className="border-t border-line p-4">
          <CapabilityForm />
        </div>
      </SectionCard>
    </StackedPage>
  )
}
