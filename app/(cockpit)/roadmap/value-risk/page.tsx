import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { STAGE_LABELS, type Stage } from '@/lib/roadmap/model'
import { QUADRANT_WORDS } from '@/lib/roadmap/scoring'
import { QUADRANT_ADVICE, QUADRANT_ORDER } from '@/lib/roadmap/value-risk'
import { getValueRisk } from '@/lib/roadmap/value-risk-queries'
import { ValueRiskChart } from '@/components/roadmap/value-risk-chart'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'

export const metadata: Metadata = { title: 'Value vs risk' }

/** The value-vs-risk 2×2 of the roadmap's items, and the items of each quadrant. */
export default async function ValueRiskPage() {
  await requirePagePermission('roadmap:read')
  const { placed, unplaced, byQuadrant } = await getValueRisk()
  return (
    <StackedPage title="Value vs risk" eyebrow="Roadmap" back={{ href: '/roadmap', label: 'Roadmap' }}>
      <SectionCard headingId="chart-heading" title="The 2×2" description="Value and risk, 0–10 each; 5 and above counts as high. Evidence seeds value (competitor threats, SLO debt); a PM sets risk.">
        <ValueRiskChart items={placed} unplaced={unplaced} />
      </SectionCard>
      {placed.length > 0 && (
        <div className="grid gap-4 lg:grid-cols-2">
          {QUADRANT_ORDER.map((q) => (
            <SectionCard key={q} headingId={`${q}-heading`} title={`${QUADRANT_WORDS[q]} (${byQuadrant[q].length})`} description={QUADRANT_ADVICE[q]} bare>
              {byQuadrant[q].length === 0 ? (
                <p className="px-4 pb-4 text-sm text-ink-muted">No item here.</p>
              ) : (
                <Table caption={`${QUADRANT_WORDS[q]} items`} captionHidden>
                  <THead>
                    <Tr>
                      <Th>Item</Th>
                      <Th>Stage</Th>
                      <Th numeric>Value</Th>
                      <Th numeric>Risk</Th>
                    </Tr>
                  </THead>
                  <TBody>
                    {byQuadrant[q].map((i) => (
                      <Tr key={i.id}>
                        <Td>
                          <Link href={`/roadmap/${i.id}`} className="hover:underline">
                            RM-{i.number} · {i.title}
                          </Link>
                        </Td>
                        <Td>{STAGE_LABELS[i.stage as Stage] ?? i.stage}</Td>
                        <Td numeric>{i.value}</Td>
                        <Td numeric>{i.risk}</Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              )}
            </SectionCard>
          ))}
        </div>
      )}
    </StackedPage>
  )
}
