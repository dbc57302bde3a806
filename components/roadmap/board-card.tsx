'use client'

import Link from 'next/link'
import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { cn } from '@/lib/cn'
import { BOARD_STAGES, itemRef, STAGE_LABELS } from '@/lib/roadmap/model'
import { MOSCOW_WORDS, type Moscow } from '@/lib/roadmap/scoring'
import { Badge, type BadgeTone } from '@/components/ui/badge'
import { Icon } from '@/components/ui/icons'
import type { BoardItem, BoardStage } from './board-moves'

const MOSCOW_TONE: Record<Moscow, BadgeTone> = { must: 'accent', should: 'info', could: 'neutral', wont: 'neutral' }
const MOSCOW_SHORT: Record<Moscow, string> = { must: 'Must', should: 'Should', could: 'Could', wont: 'Won’t' }

const figure = (n: number | null, digits = 0) => (n === null ? '—' : n.toLocaleString('en-GB', { maximumFractionDigits: digits }))

/** What a card says: reference, title (to the item's page), owner, quarter, effort, scores and MoSCoW. */
export function CardContent({ item, handle, menu }: { item: BoardItem; handle?: React.ReactNode; menu?: React.ReactNode }) {
  return (
    <>
      <div className="flex items-center gap-1.5">
        {handle}
        <span className="text-xs font-medium whitespace-nowrap text-ink-muted tabular-nums">{itemRef(item.number)}</span>
        {menu && <span className="ml-auto">{menu}</span>}
      </div>
      <Link href={`/roadmap/${item.id}`} className="mt-1 block text-sm leading-5 font-medium text-ink wrap-anywhere hover:text-accent-fg hover:underline">
        {item.title}
      </Link>
      <p className="mt-1.5 text-xs text-ink-muted wrap-anywhere">{item.owner?.name ?? 'No owner'}</p>
      <p className="text-xs text-ink-muted tabular-nums">
        {item.targetQuarter ?? 'No quarter'} · {item.effort === null ? 'no effort set' : `${figure(item.effort, 1)} pw`}
      </p>
      <dl className="mt-2 flex flex-wrap gap-x-3 gap-y-0.5 border-t border-line pt-1.5 text-xs">
        <div className="flex gap-1">
          <dt className="text-ink-muted">RICE</dt>
          <dd className="font-semibold text-ink tabular-nums">{figure(item.riceScore, 1)}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-ink-muted">Clinical</dt>
          <dd className="font-semibold text-ink tabular-nums">{figure(item.clinicalScore, 1)}</dd>
        </div>
        {item.moscow && (
          <div className="ml-auto">
            <dt className="sr-only">MoSCoW</dt>
            <dd>
              <Badge tone={MOSCOW_TONE[item.moscow]} title={MOSCOW_WORDS[item.moscow]}>
                {MOSCOW_SHORT[item.moscow]}
              </Badge>
            </dd>
          </div>
        )}
      </dl>
    </>
  )
}

export interface CardMoves {
  /** Moves the card to `stage` at `index` (0-based); the board makes the change and says what happened. */
  move: (item: BoardItem, stage: BoardStage, index: number) => void
  /** The card's column and position, for Up and Down. */
  where: { stage: BoardStage; index: number; count: number }
}

/** The non-drag way to move a card: up, down, or to the top of another column. */
function MoveMenu({ item, move, where }: { item: BoardItem } & CardMoves) {
  const ref = itemRef(item.number)
  const button = 'block w-full rounded px-2 py-1 text-left text-sm text-ink hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-focus disabled:text-ink-faint disabled:hover:bg-transparent'
  const close = (e: React.MouseEvent<HTMLButtonElement>) => e.currentTarget.closest('details')?.removeAttribute('open')
  return (
    <details className="group relative">
      <summary
        aria-label={`Move ${ref}`}
        className="flex h-6 cursor-pointer list-none items-center gap-0.5 rounded px-1 text-xs font-medium text-ink-muted hover:bg-surface-muted hover:text-ink focus-visible:outline-2 focus-visible:outline-focus [&::-webkit-details-marker]:hidden"
      >
        Move
        <Icon name="chevron-down" size={14} />
      </summary>
      <div role="group" aria-label={`Move ${ref} to`} className="absolute right-0 z-20 mt-1 w-44 rounded-md border border-line bg-surface p-1 shadow-lg">
        <button type="button" className={button} disabled={where.index === 0} onClick={(e) => (close(e), move(item, where.stage, where.index - 1))}>
          Up
        </button>
        <button type="button" className={button} disabled={where.index >= where.count - 1} onClick={(e) => (close(e), move(item, where.stage, where.index + 1))}>
          Down
        </button>
        <hr className="my-1 border-line" />
        {BOARD_STAGES.filter((s) => s !== where.stage).map((s) => (
          <button key={s} type="button" className={button} onClick={(e) => (close(e), move(item, s, 0))}>
            To {STAGE_LABELS[s]}
          </button>
        ))}
      </div>
    </details>
  )
}

/** A card the board's editors can drag by its handle (mouse, touch or keyboard) or move with its menu. */
export function SortableCard({ item, moves }: { item: BoardItem; moves: CardMoves }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: item.id, data: { stage: item.stage } })
  const ref = itemRef(item.number)
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-card={item.id}
      className={cn('rounded-md border border-line bg-surface p-2.5 shadow-xs', isDragging && 'border-dashed border-accent bg-accent-subtle opacity-60')}
    >
      <CardContent
        item={item}
        handle={
          <button
            ref={setActivatorNodeRef}
            type="button"
            {...attributes}
            {...listeners}
            aria-label={`Drag ${ref}: ${item.title}`}
            className="-ml-1 flex h-6 w-5 shrink-0 cursor-grab touch-none items-center justify-center rounded text-ink-faint hover:bg-surface-muted hover:text-ink focus-visible:outline-2 focus-visible:outline-focus active:cursor-grabbing"
          >
            <svg aria-hidden="true" viewBox="0 0 10 16" width="10" height="16" fill="currentColor">
              {[3, 8, 13].flatMap((y) => [<circle key={`a${y}`} cx="2.5" cy={y} r="1.3" />, <circle key={`b${y}`} cx="7.5" cy={y} r="1.3" />])}
            </svg>
          </button>
        }
        menu={<MoveMenu item={item} {...moves} />}
      />
    </li>
  )
}

/** A card for readers: the same content, nothing to move. */
export function StaticCard({ item }: { item: BoardItem }) {
  return (
    <li className="rounded-md border border-line bg-surface p-2.5 shadow-xs">
      <CardContent item={item} />
    </li>
  )
}
