import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { formatNumber } from '@/lib/format'
import { hasPermission } from '@/lib/rbac'
import { getEvidencePanel } from '@/lib/roadmap/evidence-queries'
import { getItemDetail, itemFormChoices } from '@/lib/roadmap/item-queries'
import { loadGateChecklist } from '@/lib/roadmap/gate-queries'
import { gateSummary } from '@/lib/roadmap/gate-summary'
import { HORIZON_LABELS, itemRef, PATHWAY_LABELS, PIPELINE_LABELS, STAGE_LABELS, STAKEHOLDER_LABELS, type Pathway, type Stakeholder } from '@/lib/roadmap/model'
import { EvidencePanel } from '@/components/roadmap/evidence-panel'
import { ItemDetailsForm } from '@/components/roadmap/item-details-form'
import { ItemHistory } from '@/components/roadmap/item-history'
import { GatesPanel } from '@/components/roadmap/gates-panel'
import { DependenciesEditor, RisksEditor } from '@/components/roadmap/item-parts-forms'
import { ReleaseButton } from '@/components/roadmap/release-button'
import { ScorePanel } from '@/components/roadmap/score-panel'
import { StageControl } from '@/components/roadmap/stage-control'
import { Fact } from '@/components/ui/fact'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Roadmap item' }

type Props = { params: Promise<{ id: string }> }

/** One roadmap item: what and why, its scores and evidence, its release gates, dependencies, risks and history. */
export default async function RoadmapItemPage({ params }: Props) {
  const user = await requirePagePermission('roadmap:read')
  const item = await getItemDetail(decodeURIComponent((await params).id))
  if (!item) notFound()
  const canEdit = hasPermission(user.role, 'roadmap:edit')
  const [choices, checklist, panel] = await Promise.all([canEdit ? itemFormChoices(item.id) : { owners: [], services: [], items: [] }, loadGateChecklist(item), getEvidencePanel(item.id)])

  return (
    <StackedPage title={`${itemRef(item.number)} · ${item.title}`} eyebrow={STAGE_LABELS[item.stage]} back={{ href: '/roadmap', label: 'Roadmap' }}>
      <SectionCard headingId="summary-heading" title="Summary">
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Fact label="Stage">{STAGE_LABELS[item.stage]}</Fact>
          <Fact label="Owner">{item.owner?.name ?? 'No owner'}</Fact>
          <Fact label="Horizon and quarter">
            {HORIZON_LABELS[item.horizon]}
            {item.targetQuarter ? ` · ${item.targetQuarter}` : ' · no quarter'}
          </Fact>
          <Fact label="Effort">{item.effort === null ? 'not estimated' : `${formatNumber(item.effort)} person-weeks`}</Fact>
          <Fact label="Pipeline">{PIPELINE_LABELS[item.pipeline]}</Fact>
          <Fact label="Regulatory pathway">{PATHWAY_LABELS[item.regulatoryPathway as Pathway] ?? item.regulatoryPathway}</Fact>
          <Fact label="Stakeholders">{item.stakeholders.length === 0 ? 'none named' : item.stakeholders.map((s) => STAKEHOLDER_LABELS[s as Stakeholder] ?? s).join(', ')}</Fact>
          <Fact label="Affected service">
            {item.service ? (
              <Link href={`/services/${encodeURIComponent(item.service.key)}`} className="hover:underline">
                {item.service.name}
              </Link>
            ) : (
              'none'
            )}
          </Fact>
        </dl>
        <div className="mt-4">
          <h3 className="text-sm font-medium text-ink">Problem</h3>
          <p className="mt-1 whitespace-pre-line text-sm text-ink">{item.problem || 'Not described yet.'}</p>
        </div>
        {canEdit && (
          <div className="mt-4 border-t border-line pt-4">
            <StageControl id={item.id} version={item.version} stage={item.stage} />
          </div>
        )}
      </SectionCard>

      {panel && (
        <>
          <SectionCard headingId="scores-heading" title="Scores" description="Each framework with its inputs and formula; an input says whether the evidence or a PM set it, and why.">
            <ScorePanel item={item} seeds={panel.seeds} overrides={panel.overrides} canEdit={canEdit} />
          </SectionCard>
          <SectionCard headingId="evidence-heading" title="Evidence" description="What feeds the scores: clinician feedback, analytics drop-offs, competitor threats, incidents and the SLO debt of the affected service.">
            <EvidencePanel itemId={item.id} evidence={panel.evidence} canEdit={canEdit} insightChoices={panel.insightChoices} />
          </SectionCard>
        </>
      )}

      <GatesPanel
        item={item}
        checklist={checklist}
        canEdit={canEdit}
        release={<ReleaseButton id={item.id} version={item.version} blocked={!gateSummary(checklist.gates).complete} />}
      />

      <SectionCard headingId="dependencies-heading" title="Dependencies">
        <DependenciesEditor
          id={item.id}
          version={item.version}
          canEdit={canEdit}
          dependsOn={item.dependsOn.map((d) => d.dependsOn)}
          dependents={item.dependents.map((d) => d.item)}
          choices={choices.items}
        />
      </SectionCard>

      <SectionCard headingId="risks-heading" title="Risks and mitigations">
        <RisksEditor id={item.id} version={item.version} canEdit={canEdit} risks={item.risks} />
      </SectionCard>

      {canEdit && (
        <SectionCard headingId="details-heading" title="Details" description={`Version ${item.version}: a save that started from an older version is refused and says who changed it.`}>
          <ItemDetailsForm
            item={{ ...item, stakeholders: item.stakeholders }}
            owners={choices.owners.map((o) => ({ id: o.id, name: o.name || o.email }))}
            services={choices.services}
          />
        </SectionCard>
      )}

      <SectionCard headingId="history-heading" title="History">
        <ItemHistory events={item.events} />
      </SectionCard>
    </StackedPage>
  )
}
