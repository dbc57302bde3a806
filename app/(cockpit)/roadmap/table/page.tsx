import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { STAGE_LABELS, STAGES } from '@/lib/roadmap/model'
import { tableItems } from '@/lib/roadmap/queries'
import { tableQueryOf } from '@/lib/roadmap/views'
import { cn } from '@/lib/cn'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { ItemsTable } from '@/components/roadmap/items-table'
import { RoadmapViews } from '@/components/roadmap/roadmap-views'

export const metadata: Metadata = { title: 'Roadmap table' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const SORT_WORDS = { rice: 'RICE', clinical: 'clinical impact', moscow: 'MoSCoW', value: 'value', risk: 'risk', effort: 'effort', quarter: 'target quarter', stage: 'stage', number: 'item number', title: 'title' } as const

/** Every item with its scoring inputs and scores, sorted by any of them (`?sort=&dir=`), optionally one stage (`?stage=`). */
export default async function RoadmapTablePage({ searchParams }: Props) {
  await requirePagePermission('roadmap:read')
  const query = tableQueryOf(await searchParams)
  const items = await tableItems(query.sort, query.dir, query.stage)
  const stageHref = (stage: string | null) => {
    const p = new URLSearchParams({ sort: query.sort, dir: query.dir })
    if (stage) p.set('stage', stage)
    return `/roadmap/table?${p.toString()}`
  }
  const csv = `/api/roadmap/items/csv?${new URLSearchParams({ sort: query.sort, dir: query.dir, ...(query.stage ? { stage: query.stage } : {}) }).toString()}`

  return (
    <StackedPage
      title="Roadmap"
      description="Every item with the inputs of its scores. RICE = reach per quarter × impact (0.25–3) × confidence ÷ effort in person-weeks; clinical impact weighs patient safety 35 %, clinical outcome 30 %, clinician time saved 20 % and evidence strength 15 %, each 0–5, on a scale of 100."
    >
      <RoadmapViews />
      <SectionCard
        headingId="items-heading"
        title={query.stage ? `${STAGE_LABELS[query.stage]} items` : 'All items'}
        description={`${items.length} item${items.length === 1 ? '' : 's'}, by ${SORT_WORDS[query.sort]}, ${query.dir === 'asc' ? 'lowest' : 'highest'} first; unset values last. Choose a column heading to sort by it.`}
        actions={
          <a href={csv} download className="text-sm font-medium text-accent-fg hover:underline">
            Download CSV
          </a>
        }
        bare
      >
        <nav aria-label="Filter the table by stage" className="flex flex-wrap items-center gap-1 border-b border-line px-4 py-2 text-sm">
          <span className="mr-1 text-ink-muted">Stage:</span>
          {[null, ...STAGES].map((s) => (
            <Link
              key={s ?? 'all'}
              href={stageHref(s)}
              aria-current={s === query.stage ? 'true' : undefined}
              className={cn('rounded px-2 py-0.5 hover:bg-surface-muted', s === query.stage && 'bg-accent-subtle font-medium text-accent-fg')}
            >
              {s ? STAGE_LABELS[s] : 'All'}
            </Link>
          ))}
        </nav>
        {items.length === 0 ? (
          <EmptyState title={query.stage ? `No item is in ${STAGE_LABELS[query.stage]}` : 'The roadmap is empty'}>Items appear here once they are added to the board.</EmptyState>
        ) : (
          <ItemsTable items={items} query={query} caption={`Roadmap items by ${SORT_WORDS[query.sort]}`} />
        )}
      </SectionCard>
    </StackedPage>
  )
}
