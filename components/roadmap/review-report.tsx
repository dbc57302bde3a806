import Link from 'next/link'
import type { ReviewChange, ReviewReport } from '@/lib/roadmap/review'
import { stageWords } from '@/lib/roadmap/review'
import { predictabilityWords } from '@/lib/roadmap/review-words'
import { itemRef } from '@/lib/roadmap/model'
import { Badge } from '@/components/ui/badge'
import { EmptyState } from '@/components/ui/empty-state'
import { SectionCard } from '@/components/ui/section-card'
import { Stat, StatGroup } from '@/components/ui/stat'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

function ItemLink({ id, number, title }: { id: string; number: number; title: string }) {
  return (
    <Link href={`/roadmap/${id}`} className="text-accent-fg hover:underline print:text-ink print:no-underline">
      <span className="text-ink-muted">{itemRef(number)}</span> {title}
    </Link>
  )
}

/** A list of changes (stage, score, added, archived) as a table, or words when there were none. */
function ChangesTable({ id, title, changes, empty, values = 'stage' }: { id: string; title: string; changes: readonly ReviewChange[]; empty: string; values?: 'stage' | 'score' | 'none' }) {
  return (
    <SectionCard headingId={id} title={title} bare={changes.length > 0} className="print:break-inside-avoid">
      {changes.length === 0 ? (
        <p className="text-sm text-ink-muted">{empty}.</p>
      ) : (
        <Table caption={title} captionHidden>
          <THead>
            <Tr>
              <Th>Item</Th>
              {values !== 'none' && <Th>From</Th>}
              {values !== 'none' && <Th>To</Th>}
              <Th>By</Th>
              <Th>When (UTC)</Th>
            </Tr>
          </THead>
          <TBody>
            {changes.map((c, k) => (
              <Tr key={`${c.itemId}-${c.at}-${k}`}>
                <Td>
                  <ItemLink id={c.itemId} number={c.number} title={c.title} />
                </Td>
                {values !== 'none' && <Td numeric={values === 'score'}>{values === 'stage' ? stageWords(c.from) : (c.from ?? '—')}</Td>}
                {values !== 'none' && <Td numeric={values === 'score'}>{values === 'stage' ? stageWords(c.to) : (c.to ?? '—')}</Td>}
                <Td>{c.by || '—'}</Td>
                <Td>{day(c.at)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </SectionCard>
  )
}

/** The quarterly review: planned vs delivered, the predictability against the guide's target, and what moved. */
export function ReviewReportView({ report }: { report: ReviewReport }) {
  const words = predictabilityWords(report.predictability)
  return (
    <div className="space-y-6 print:space-y-4">
      <StatGroup columns={3}>
        <Stat label="Planned" value={report.planned} hint="Committed for the quarter at its start, or created for it during it." />
        <Stat label="Delivered" value={report.delivered} hint="Of those, released within the quarter." />
        <Stat label="Delivery predictability" value={report.predictability === null ? 'n/a' : report.predictability.toLocaleString('en', { maximumFractionDigits: 1 })} unit={report.predictability === null ? undefined : '%'} hint={words.text} />
      </StatGroup>

      <SectionCard headingId="planned-items" title="Planned items" description="Not delivered first; each with where it stands now." bare className="print:break-inside-avoid">
        {report.items.length === 0 ? (
          <EmptyState title="Nothing was planned for this quarter">Items targeting the quarter in discovery, planned or in progress at its start are its plan.</EmptyState>
        ) : (
          <Table caption="Planned items" captionHidden>
            <THead>
              <Tr>
                <Th>Item</Th>
                <Th>Delivered</Th>
                <Th>Stage now</Th>
                <Th>Target now</Th>
              </Tr>
            </THead>
            <TBody>
              {report.items.map((i) => (
                <Tr key={i.itemId}>
                  <Td>
                    <ItemLink id={i.itemId} number={i.number} title={i.title} />
                  </Td>
                  <Td>
                    {i.delivered ? (
                      <Badge tone="ok" icon="check-circle">
                        Delivered
                      </Badge>
                    ) : (
                      <Badge tone="medium" icon="x-circle">
                        Not delivered
                      </Badge>
                    )}
                  </Td>
                  <Td>{stageWords(i.stageNow)}</Td>
                  <Td>{i.targetNow ?? 'none'}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </SectionCard>

      <ChangesTable id="released-unplanned" title="Released without being planned" changes={report.releasedUnplanned} empty="Every release of the quarter was planned" />
      <ChangesTable id="stage-changes" title="Stage changes" changes={report.stageChanges} empty="No item changed stage in this quarter" />
      <ChangesTable id="score-changes" title="Score changes (RICE)" changes={report.scoreChanges} empty="No RICE score changed in this quarter" values="score" />
      <ChangesTable id="items-added" title="Items added" changes={report.added} empty="No item was added in this quarter" values="none" />
      <ChangesTable id="items-archived" title="Items archived" changes={report.archived} empty="No item was archived in this quarter" values="none" />
    </div>
  )
}
