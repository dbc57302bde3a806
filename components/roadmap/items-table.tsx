import Link from 'next/link'
import { itemRef } from '@/lib/roadmap/model'
import type { TableItem } from '@/lib/roadmap/queries'
import { MOSCOW_WORDS, type Moscow } from '@/lib/roadmap/scoring'
import { DEFAULT_DIR, type TableQuery, type TableSort } from '@/lib/roadmap/views'
import { Icon } from '@/components/ui/icons'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { StageBadge } from './stage-badge'

const n = (v: number | null, digits = 1) => (v === null ? '—' : v.toLocaleString('en-GB', { maximumFractionDigits: digits }))
const MOSCOW_SHORT: Record<Moscow, string> = { must: 'Must', should: 'Should', could: 'Could', wont: 'Won’t' }

function hrefOf(query: TableQuery, sort: TableSort) {
  const dir = query.sort === sort ? (query.dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIR[sort]
  const p = new URLSearchParams({ sort, dir })
  if (query.stage) p.set('stage', query.stage)
  return `/roadmap/table?${p.toString()}`
}

/** A column header that sorts the table: a link (the URL keeps the order), with aria-sort on the current one. */
function SortTh({ query, sort, label, numeric = false, title }: { query: TableQuery; sort: TableSort; label: string; numeric?: boolean; title?: string }) {
  const current = query.sort === sort
  const next = current ? (query.dir === 'asc' ? 'descending' : 'ascending') : DEFAULT_DIR[sort] === 'asc' ? 'ascending' : 'descending'
  return (
    <Th numeric={numeric} aria-sort={current ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined} title={title}>
      <Link href={hrefOf(query, sort)} className="inline-flex items-center gap-0.5 hover:text-ink hover:underline" aria-label={`${label}: sort ${next}`}>
        {label}
        {current && <Icon name={query.dir === 'asc' ? 'arrow-up' : 'arrow-down'} size={12} />}
      </Link>
    </Th>
  )
}

/** Every item with its scoring inputs and scores; each score column sorts the table. */
export function ItemsTable({ items, query, caption }: { items: TableItem[]; query: TableQuery; caption: string }) {
  return (
    <Table caption={caption} captionHidden>
      <THead>
        <Tr>
          <SortTh query={query} sort="number" label="Item" />
          <SortTh query={query} sort="stage" label="Stage" />
          <SortTh query={query} sort="quarter" label="Quarter" />
          <SortTh query={query} sort="effort" label="Effort (pw)" numeric />
          <Th title="Reach per quarter × impact × confidence">RICE inputs</Th>
          <SortTh query={query} sort="rice" label="RICE" numeric title="Reach × impact × confidence ÷ effort" />
          <SortTh query={query} sort="moscow" label="MoSCoW" />
          <SortTh query={query} sort="value" label="Value" numeric title="0–10" />
          <SortTh query={query} sort="risk" label="Risk" numeric title="0–10" />
          <Th title="Patient safety · clinical outcome · clinician time saved · evidence strength, each 0–5">Clinical inputs</Th>
          <SortTh query={query} sort="clinical" label="Clinical" numeric title="Weighted clinical impact, 0–100" />
        </Tr>
      </THead>
      <TBody>
        {items.map((item) => (
          <Tr key={item.id}>
            <Th scope="row" className="min-w-56 font-normal">
              <span className="block text-xs text-ink-muted tabular-nums">{itemRef(item.number)}</span>
              <Link href={`/roadmap/${item.id}`} className="text-sm font-medium text-ink wrap-anywhere hover:text-accent-fg hover:underline">
                {item.title}
              </Link>
            </Th>
            <Td>
              <StageBadge stage={item.stage} />
            </Td>
            <Td className="whitespace-nowrap">{item.targetQuarter ?? '—'}</Td>
            <Td numeric>{n(item.effort)}</Td>
            <Td className="text-xs whitespace-nowrap text-ink-muted">
              {item.reach === null && item.impact === null && item.confidence === null ? 'Not set' : `${n(item.reach, 0)} × ${n(item.impact, 2)} × ${item.confidence === null ? '—' : `${item.confidence} %`}`}
            </Td>
            <Td numeric className="font-semibold">
              {n(item.riceScore)}
            </Td>
            <Td>{item.moscow ? <span title={MOSCOW_WORDS[item.moscow]}>{MOSCOW_SHORT[item.moscow]}</span> : '—'}</Td>
            <Td numeric>{n(item.value, 0)}</Td>
            <Td numeric>{n(item.risk, 0)}</Td>
            <Td className="text-xs whitespace-nowrap text-ink-muted">
              {[item.patientSafety, item.clinicalOutcome, item.timeSaved, item.evidenceStrength].every((v) => v === null)
                ? 'Not set'
                : [item.patientSafety, item.clinicalOutcome, item.timeSaved, item.evidenceStrength].map((v) => n(v, 0)).join(' · ')}
            </Td>
            <Td numeric className="font-semibold">
              {n(item.clinicalScore)}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}
