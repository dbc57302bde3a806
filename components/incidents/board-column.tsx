'use client'

import { useId } from 'react'
import { type IncidentStatus } from '@/lib/severity'
import { useDroppable } from '@dnd-kit/core'
import { SortableContext, type SortingStrategy } from '@dnd-kit/sortable'
import { StatusBadge } from '@/components/ui/status-badge'
import { cn } from '@/lib/cn'
import type { BoardCard } from '@/lib/incidents/board'

import { IncidentCard } from './incident-card'

// Order within a column is by severity and age, not by hand: cards make no room for one dragged past them.
const keepOrder: SortingStrategy = () => null

const EMPTY_TEXT: Record<IncidentStatus, string> = {
  triggered: 'Nothing waiting for a response.',
  acknowledged: 'Nothing acknowledged.',
  investigating: 'Nothing under investigation.',
  resolved: 'Nothing resolved in this period.',
}

export interface BoardColumnProps {
  status: IncidentStatus
  cards: BoardCard[]
  canAck: boolean
  pendingId?: string
  onMove: (card: BoardCard, to: IncidentStatus) => void
  /** While a card is dragged: whether it may be dropped here (undefined when nothing is dragged). */
  dropAllowed?: boolean
}

/** One column of the board, a drop target for cards of the columns that may move into it. */
export function BoardColumn({ status, cards, canAck, pendingId, onMove, dropAllowed }: BoardColumnProps) {
  const headingId = useId()
  const { setNodeRef, isOver } = useDroppable({ id: `column:${status}`, data: { status } })
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      className={cn(
        'flex min-h-40 flex-col rounded-lg border bg-surface-muted/60 p-2 transition-colors',
        isOver && dropAllowed ? 'border-accent bg-accent-subtle' : isOver && dropAllowed === false ? 'border-critical-border' : 'border-line',
      )}
    >
      <h2 id={headingId} className="flex items-center justify-between gap-2 px-1 pb-2">
        <StatusBadge status={status} />
        <span className="text-sm font-medium text-ink-muted tabular-nums">
          {cards.length}
          <span className="sr-only"> {cards.length === 1 ? 'incident' : 'incidents'}</span>
        </span>
      </h2>
      <SortableContext id={status} items={cards.map((c) => c.id)} strategy={keepOrder}>
        {cards.length === 0 ? (
          <p className="px-1 py-4 text-center text-sm text-ink-muted">{EMPTY_TEXT[status]}</p>
        ) : (
          <ul className="space-y-2">
            {cards.map((card) => (
              <li key={card.id}>
                <IncidentCard card={card} canAck={canAck} pending={card.id === pendingId} onMove={onMove} />
              </li>
            ))}
          </ul>
        )}
      </SortableContext>
    </section>
  )
}
