import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { readMatrix } from '@/lib/competitors/matrix'
import { getCellHistory } from '@/lib/competitors/queries'
import { CAPABILITY_GROUP_LABELS, type CapabilityGroup } from '@/lib/competitors/schema'
import { formatNumber } from '@/lib/format'
import { CellEvidenceForm } from '@/components/competitors/cell-evidence-form'
import { EvidenceHistory } from '@/components/competitors/evidence-history'
import { CapabilityStatusBadge } from '@/components/competitors/status-badge'
import { EmptyState } from '@/components/ui/empty-state'
import { Fact } from '@/components/ui/fact'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { SeverityBadge } from '@/components/ui/severity-badge'

export const metadata: Metadata = { title: 'Competitor cell' }

type Props = { params: Promise<{ product: string; capability: string }> }

/** One cell of the matrix: its status, freshness and threat with the reasons, its evidence history, and new evidence. */
export default async function CellPage({ params }: Props) {
  const user = await requirePagePermission('competitor:read')
  const { product: productKey, capability: capabilityKey } = await params
  const history = await getCellHistory(decodeURIComponent(productKey), decodeURIComponent(capabilityKey))
  if (!history) notFound()
  const { product, capability, evidence } = history
  const matrix = await readMatrix()
  const cell = matrix.cell(product.id, capability.id)
  const canEdit = hasPermission(user.role, 'competitor:edit')

  return (
    <StackedPage
      title={`${product.name} · ${capability.name}`}
      description={capability.description || undefined}
      back={{ href: '/competitors', label: 'Competitor matrix' }}
    >
      <SectionCard headingId="cell-heading" title="Where it stands">
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Fact label="Status">
            <CapabilityStatusBadge status={cell.status} />
          </Fact>
          <Fact label="Confidence">{cell.confidence}</Fact>
          <Fact label="Freshness">
            {cell.evidenceAt ? `${formatNumber(cell.freshness * 100, { digits: 0 })} %${cell.stale ? ' — stale' : ''}` : 'no evidence yet'}
          </Fact>
          <Fact label="Group and importance">
            {CAPABILITY_GROUP_LABELS[capability.group as CapabilityGroup] ?? capability.group} · {capability.weight}/5
          </Fact>
        </dl>
        {!product.isUs && cell.threat && (
          <div className="mt-4 flex flex-wrap items-start gap-2 text-sm">
            <SeverityBadge severity={cell.threat.level} label={`${cell.threat.level[0]!.toUpperCase()}${cell.threat.level.slice(1)} threat`} />
            <p className="text-ink-muted">{cell.threat.explanation}</p>
          </div>
        )}
      </SectionCard>

      {canEdit && (
        <SectionCard headingId="record-heading" title="Record evidence" description="The cell takes the status of the newest source; older evidence joins the history. Notes are checked for patient identifiers and redacted.">
          <CellEvidenceForm competitorId={product.id} capabilityId={capability.id} status={cell.status} version={cell.version} today={new Date().toISOString().slice(0, 10)} />
        </SectionCard>
      )}

      <SectionCard headingId="history-heading" title="Evidence history" description={`${evidence.length} piece${evidence.length === 1 ? '' : 's'} of evidence, newest source first.`} bare>
        {evidence.length === 0 ? <EmptyState title="No evidence yet">Until someone records evidence, the cell is unknown and counts as no lead.</EmptyState> : <EvidenceHistory rows={evidence} caption={`Evidence for ${product.name}, ${capability.name}`} />}
      </SectionCard>
    </StackedPage>
  )
}
