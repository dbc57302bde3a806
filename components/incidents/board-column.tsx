'use client'

import { useEffect, useId, useRef, useState } from 'react'
import { type IncidentStatus } from '@/lib/severity'
import { useDroppable } from '@dnd-kit/core'
import { SortableContext, type SortingStrategy } from '@dnd-kit/sortable'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icons'
import { STATUS_META, StatusBadge } from '@/components/ui/status-badge'
import { VisuallyHidden } from '@/components/ui/visually-hidden'
import { cn } from '@/lib/cn'
import type { BoardCard } from '@/lib/incidents/board'
import { nextPageSize } from '@/lib/incidents/board-cursor'

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
  /** The cards shown: the first page and any pages loaded since. */
  cards: BoardCard[]
  /** Cards of this column that match the filters, shown or not. */
  total: number
  /** A next page exists. */
  hasMore: boolean
  loadingMore?: boolean
  /** Loads the next page; resolves to the number of cards it added, rejects with the reason. */
  onShowMore?: (status: IncidentStatus) => Promise<number>
  canAck: boolean
  pendingId?: string
  onMove: (card: BoardCard, to: IncidentStatus) => void
  /** While a card is dragged: whether it may be dropped here (undefined when nothing is dragged). */
  dropAllowed?: boolean
}

/**
 * One column of the board, a drop target for cards of the columns that may move into it. Its heading counts
 * every matching card; when not all are shown, "Show N more" under the last one loads the next page and
 * puts the focus on the first card it added, so a keyboard user reads on from there.
 */
export function BoardColumn({ status, cards, total, hasMore, loadingMore = false, onShowMore, canAck, pendingId, onMove, dropAllowed }: BoardColumnProps) {
  const headingId = useId()
  const { setNodeRef, isOver } = useDroppable({ id: `column:${status}`, data: { status } })
  const list = useRef<HTMLUListElement>(null)
  // The index of the first card of a page just loaded: focused once it is rendered.
  const focusFrom = useRef<number | null>(null)
  const [moreError, setMoreError] = useState<string | null>(null)
  useEffect(() => {
    const from = focusFrom.current
    if (from === null || cards.length <= from) return
    focusFrom.current = null
    list.current?.children[from]?.querySelector<HTMLElement>('h3 a')?.focus()
  }, [cards.length])

  const word = STATUS_META[status].label.toLowerCase()
  const next = nextPageSize(cards.length, total)
  async function showMore() {
    if (!onShowMore) return
    setMoreError(null)
    const before = cards.length
    try {
      if ((await onShowMore(status)) > 0) focusFrom.current = before
    } catch (err) {
      setMoreError(err instanceof Error ? err.message : 'The server did not answer.')
    }
  }

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
          {total}
          <span className="sr-only"> {total === 1 ? 'incident' : 'incidents'}</span>
        </span>
      </h2>
      <SortableContext id={status} items={cards.map((c) => c.id)} strategy={keepOrder}>
        {cards.length === 0 && !hasMore ? (
          <p className="px-1 py-4 text-center text-sm text-ink-muted">{EMPTY_TEXT[status]}</p>
        ) : (
          <ul ref={list} className="space-y-2">
            {cards.map((card) => (
              <li key={card.id}>
                <IncidentCard card={card} canAck={canAck} pending={card.id === pendingId} onMove={onMove} />
              </li>
            ))}
          </ul>
        )}
      </SortableContext>
      {hasMore && (
        <div className="mt-3 space-y-1.5 px-1">
          <p className="text-xs text-ink-muted tabular-nums">
            {cards.length} of {total} shown
          </p>
          {/* aria-disabled, not disabled, while loading: the button keeps the keyboard focus if the load fails. */}
          <Button size="sm" className="w-full" aria-disabled={loadingMore || undefined} aria-busy={loadingMore || undefined} onClick={() => void (loadingMore || showMore())}>
            {loadingMore && <Icon name="spinner" />}
            {next > 0 ? `Show ${next} more` : 'Show more'}
            <VisuallyHidden> {word} incidents</VisuallyHidden>
          </Button>
          {moreError && <p className="text-xs font-medium text-critical-fg">Could not load more: {moreError}</p>}
        </div>
      )}
    </section>
  )
}
