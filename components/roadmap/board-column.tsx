'use client'

import { useDroppable } from '@dnd-kit/core'
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { cn } from '@/lib/cn'
import { STAGE_LABELS } from '@/lib/roadmap/model'
import { Icon } from '@/components/ui/icons'
import { SortableCard, StaticCard } from './board-card'
import { wipWords, type BoardItem, type BoardStage } from './board-moves'

const EMPTY_WORDS: Record<BoardStage, string> = {
  ideas: 'No ideas waiting. New items start here.',
  discovery: 'Nothing in discovery.',
  planned: 'Nothing planned yet.',
  in_progress: 'Nothing in progress.',
  released: 'Nothing released yet: an item is released once its gates are complete.',
}

export interface BoardColumnProps {
  stage: BoardStage
  items: BoardItem[]
  limit: number | null
  canEdit: boolean
  move: (item: BoardItem, stage: BoardStage, index: number) => void
}

/** One stage of the board: its heading with the count against the WIP limit (warned in words when over), then its cards. */
export function BoardColumn({ stage, items, limit, canEdit, move }: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: stage, disabled: !canEdit })
  const wip = wipWords(items.length, limit)
  const headingId = `column-${stage}`
  return (
    <section aria-labelledby={headingId} className={cn('flex min-w-0 flex-col rounded-lg border bg-surface-muted', wip.over ? 'border-at-risk-border' : 'border-line')}>
      <header className={cn('flex flex-wrap items-baseline justify-between gap-x-2 gap-y-0.5 rounded-t-lg border-b px-3 py-2', wip.over ? 'border-at-risk-border bg-at-risk-bg' : 'border-line')}>
        <h2 id={headingId} className="text-sm font-semibold text-ink">
          {STAGE_LABELS[stage]}
        </h2>
        <span className={cn('flex items-center gap-1 text-xs whitespace-nowrap tabular-nums', wip.over ? 'font-semibold text-at-risk-fg' : 'text-ink-muted')}>
          {wip.over && <Icon name="alert" size={14} />}
          {wip.text}
        </span>
      </header>
      <SortableContext id={stage} items={items.map((i) => i.id)} strategy={verticalListSortingStrategy}>
        <ol ref={setNodeRef} aria-labelledby={headingId} className={cn('flex min-h-24 flex-1 flex-col gap-2 p-2', isOver && 'bg-accent-subtle')}>
          {items.map((item, index) =>
            canEdit ? <SortableCard key={item.id} item={item} moves={{ move, where: { stage, index, count: items.length } }} /> : <StaticCard key={item.id} item={item} />,
          )}
          {items.length === 0 && <li className="rounded-md border border-dashed border-line-strong px-3 py-6 text-center text-xs text-ink-muted">{EMPTY_WORDS[stage]}</li>}
        </ol>
      </SortableContext>
    </section>
  )
}
