import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { readMatrix } from '@/lib/competitors/matrix'
import { getCompetitorDetail } from '@/lib/competitors/queries'
import { formatNumber } from '@/lib/format'
import { EvidenceHistory } from '@/components/competitors/evidence-history'
import { GapsTable } from '@/components/competitors/gaps-table'
import { SwotGrid } from '@/components/competitors/swot-grid'
import { CellNote, DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { Fact } from '@/components/ui/fact'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { SeverityBadge } from '@/components/ui/severity-badge'

export const metadata: Metadata = { title: 'Competitor' }

type Props = { params: Promise<{ key: string }> }

const MODEL_WORDS: Record<string, string> = { per_bed: 'per bed', per_user: 'per user', per_site: 'per site', per_encounter: 'per encounter', subscription: 'subscription', license: 'licence' }
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** One competitor: threat and why, where they lead us, SWOT, pricing and the timeline of changes. */
export default async function CompetitorPage({ params }: Props) {
  await requirePagePermission('competitor:read')
  const detail = await getCompetitorDetail(decodeURIComponent((await params).key))
  if (!detail) notFound()
  const { product, timeline } = detail
  const matrix = await readMatrix()
  const row = matrix.products.find((p) => p.id === product.id)
  const us = matrix.products.find((p) => p.isUs)
  const gaps = matrix.gaps.filter((g) => g.competitor.id === product.id)

  return (
    <StackedPage title={product.name} description={product.notes || undefined} back={{ href: '/competitors', label: 'Competitor matrix' }}>
      <SectionCard headingId="summary-heading" title="Summary">
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Fact label="Segment and position">{[product.segment, product.position].filter(Boolean).join(' · ') || 'not recorded'}</Fact>
          <Fact label="Market overlap">{product.marketOverlap} %</Fact>
          <Fact label="Weighted coverage">
            {row ? `${formatNumber(row.coverage * 100, { digits: 0 })} %` : '—'}
            {us && !product.isUs ? ` (we: ${formatNumber(us.coverage * 100, { digits: 0 })} %)` : ''}
          </Fact>
          <Fact label="Website">
            {product.website ? (
              <a href={product.website} rel="noopener noreferrer nofollow" target="_blank" className="hover:underline">
                {product.website}
              </a>
            ) : (
              'not recorded'
            )}
          </Fact>
        </dl>
        {row?.threat && (
          <div className="mt-4 flex flex-wrap items-start gap-2 text-sm">
            <SeverityBadge severity={row.threat.level} label={`${row.threat.level[0]!.toUpperCase()}${row.threat.level.slice(1)} threat`} />
            <p className="text-ink-muted">{row.threat.explanation}</p>
          </div>
        )}
      </SectionCard>

      {!product.isUs && (
        <SectionCard headingId="leads-heading" title="Where they lead us" bare>
          {gaps.length === 0 ? <EmptyState title={`${product.name} leads us on no capability`}>Or no evidence says so yet.</EmptyState> : <GapsTable gaps={gaps} />}
        </SectionCard>
      )}

      <SectionCard headingId="swot-heading" title="SWOT">
        <SwotGrid items={product.swot} />
      </SectionCard>

      <SectionCard headingId="pricing-heading" title="Pricing" description="Price ranges per product and pricing model, per year, with their source date and confidence." bare>
        {product.prices.length === 0 ? (
          <EmptyState title="No prices recorded" />
        ) : (
          <DataTable
            caption={`Prices of ${product.name}`}
            captionHidden
            rows={product.prices}
            rowKey={(p) => p.id}
            columns={[
              { header: 'Product', cell: (p) => p.product },
              { header: 'Model', cell: (p) => MODEL_WORDS[p.model] ?? p.model },
              { header: 'Range per year', numeric: true, cell: (p) => `${p.currency} ${formatNumber(p.low)}–${formatNumber(p.high)}` },
              { header: 'Source date', className: 'whitespace-nowrap', cell: (p) => day.format(p.observedAt) },
              {
                header: 'Confidence',
                cell: (p) => (
                  <>
                    {p.confidence}
                    {p.note && <CellNote>{p.note}</CellNote>}
                  </>
                ),
              },
            ]}
          />
        )}
      </SectionCard>

      <SectionCard headingId="timeline-heading" title="Timeline of changes" description="Evidence of every kind, newest source first (the latest 50)." bare>
        {timeline.length === 0 ? (
          <EmptyState title="No evidence yet">
            Record evidence from a <Link href="/competitors">cell of the matrix</Link>.
          </EmptyState>
        ) : (
          <EvidenceHistory rows={timeline} caption={`Timeline of ${product.name}`} showCapability />
        )}
      </SectionCard>
    </StackedPage>
  )
}
