'use client'

import { useCallback, useId, useState } from 'react'
import { type IncidentStatus } from '@/lib/severity'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useSensor,
  useSensors,
  type Active,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type Over,
} from '@dnd-kit/core'
import { Badge } from '@/components/ui/badge'
import { EmptyState } from '@/components/ui/empty-state'
import { Icon } from '@/components/ui/icons'
import { STATUS_META } from '@/components/ui/status-badge'
import { cn } from '@/lib/cn'
import { hasBoardFilter, moveOnBoard, BOARD_COLUMNS, type BoardCard, type BoardData } from '@/lib/incidents/board'
import { incidentKeys } from '@/lib/incidents/keys'
import { canMoveIncident } from '@/lib/incidents/schema'
import { acknowledgeIncidentAction, resolveIncidentAction, setIncidentStatusAction } from '@/lib/incidents/actions'
import { BoardColumn } from './board-column'
import { IncidentCardBody, incidentLabel } from './incident-card'
import { ResolveDialog } from './resolve-dialog'
import { ResponseTimes, SeverityCountsBar } from './response-stats'
import { UndoResolveNotice } from './undo-resolve-notice'
import { useBoardQuery } from './use-board-query'
import { POLL_FALLBACK_MS, useIncidentStream, type LiveMode } from './use-incident-stream'

async function saveMove(card: BoardCard, to: IncidentStatus, note?: string) {
  const incidentId = card.id
  const result =
    to === 'acknowledged' && card.status === 'triggered'
      ? await acknowledgeIncidentAction({ incidentId })
      : to === 'resolved'
        ? await resolveIncidentAction({ incidentId, reason: note })
        : await setIncidentStatusAction({ incidentId, status: to })
  if (!result.ok) throw new Error(result.message ?? 'The change was refused.')
  return result
}

const word = (s: IncidentStatus) => STATUS_META[s].label
const statusOf = (x: Active | Over | null | undefined): IncidentStatus | undefined => {
  const s = (x?.data.current as { status?: IncidentStatus } | undefined)?.status
  return s && (BOARD_COLUMNS as readonly string[]).includes(s) ? s : undefined
}
const cardOf = (x: Active | null | undefined) => (x?.data.current as { card?: BoardCard } | undefined)?.card

const NEXT_KEYS = ['ArrowRight', 'ArrowDown']
const PREVIOUS_KEYS = ['ArrowLeft', 'ArrowUp']

/**
 * Keyboard dragging goes column by column in board order (whatever the layout: four across, or two by two
 * on a tablet), landing at the top of the next or previous column; a card's place inside a column is not
 * chosen by hand.
 */
const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context: { active, over, droppableRects, collisionRect } }) => {
  const step = NEXT_KEYS.includes(event.code) ? 1 : PREVIOUS_KEYS.includes(event.code) ? -1 : 0
  if (step === 0) return undefined
  event.preventDefault()
  const current = statusOf(over) ?? statusOf(active)
  const target = current ? BOARD_COLUMNS[BOARD_COLUMNS.indexOf(current) + step] : undefined
  const rect = target ? droppableRects.get(`column:${target}`) : undefined
  if (!rect || !collisionRect) return undefined
  return { x: rect.left + Math.max(0, (rect.width - collisionRect.width) / 2), y: rect.top + 40 }
}

const LIVE_TEXT: Record<LiveMode, { text: string; tone: 'ok' | 'neutral' | 'medium' }> = {
  live: { text: 'Live', tone: 'ok' },
  connecting: { text: 'Connecting…', tone: 'neutral' },
  polling: { text: `Refreshing every ${POLL_FALLBACK_MS / 1000} s`, tone: 'medium' },
}

export interface IncidentBoardProps {
  initial: BoardData
  canAck: boolean
}

/**
 * The live board. Data comes from the server render, then from GET /api/incidents whenever the stream
 * says something changed (or every 2 s while the stream is down). Each column shows its first page and
 * its count; "Show more" adds the next page, and refreshes keep what was shown. Moves are optimistic: the
 * card moves at once and goes back, with the reason in words, if the server refuses. Resolving (button or
 * drop) first asks for a resolution note, then offers an undo for a few seconds.
 */
export function IncidentBoard({ initial, canAck }: IncidentBoardProps) {
  const queryClient = useQueryClient()
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState('')
  const [dragging, setDragging] = useState<BoardCard | null>(null)
  const [resolving, setResolving] = useState<BoardCard | null>(null)
  const [undo, setUndo] = useState<{ id: string; number: number } | null>(null)
  // A stable id keeps dnd-kit's generated ARIA ids the same on the server and in the browser (hydration).
  const dndId = useId()

  // While a move is being saved its own onSettled refreshes; refreshing earlier could show the card jump back.
  const mode = useIncidentStream(() => {
    if (queryClient.isMutating() === 0) void queryClient.invalidateQueries({ queryKey: incidentKeys.all })
  })
  const { board, key, loadMore, loadingMore } = useBoardQuery(initial, mode)
  const data = board.data
  const showMore = async (status: IncidentStatus) => {
    const result = await loadMore(status)
    if (result.ok) {
      const shown = result.board.columns[status].length
      setNotice(`Showing ${shown} of ${result.board.totals[status]} ${word(status).toLowerCase()} incidents.`)
      return result.added
    }
    setNotice(`More ${word(status).toLowerCase()} incidents could not be loaded: ${result.message}`)
    throw new Error(result.message)
  }

  const move = useMutation({
    mutationFn: ({ card, to, note }: { card: BoardCard; to: IncidentStatus; note?: string }) => saveMove(card, to, note),
    onMutate: async ({ card, to }) => {
      setError(null)
      await queryClient.cancelQueries({ queryKey: key })
      const previous = queryClient.getQueryData<BoardData>(key)
      if (previous) queryClient.setQueryData<BoardData>(key, moveOnBoard(previous, card.id, to, new Date()))
      return { previous }
    },
    onError: (err, { card, to }, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous)
      const reason = err instanceof Error && err.message ? err.message.replace(/[.\s]*$/, '.') : 'the server did not answer.'
      setError(`INC-${card.number} could not be moved to ${word(to)}: ${reason} It is back where it was.`)
    },
    onSuccess: (result, { card, to }) => {
      setNotice(result.message ?? 'Saved.')
      if (to === 'resolved') setUndo({ id: card.id, number: card.number })
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: incidentKeys.all }),
  })
  const pendingId = move.isPending ? move.variables?.card.id : undefined
  const requestMove = (card: BoardCard, to: IncidentStatus) => {
    if (card.status === to) return
    if (!canMoveIncident(card.status, to)) {
      setError(`INC-${card.number} cannot move from ${word(card.status)} to ${word(to)}.`)
      return
    }
    if (to === 'resolved') setResolving(card)
    else move.mutate({ card, to })
  }
  const onUndone = useCallback(
    (result: { ok: boolean; message?: string }) => {
      if (result.ok) {
        setUndo(null)
        setNotice(result.message ?? 'Resolution undone.')
      }
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all })
    },
    [queryClient],
  )
  const onUndoExpire = useCallback(() => setUndo(null), [])

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  )

  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const card = cardOf(active)
      return card ? `Picked up ${incidentLabel(card)}, in ${word(card.status)}. The arrow keys choose the next or previous column.` : undefined
    },
    onDragOver: ({ active, over }) => {
      const card = cardOf(active)
      const to = statusOf(over)
      if (!card) return undefined
      if (!to) return `INC-${card.number} is not over a column.`
      if (to === card.status) return `INC-${card.number} is over its own column, ${word(to)}.`
      return canMoveIncident(card.status, to)
        ? `INC-${card.number} is over ${word(to)}. Drop to move it there.`
        : `INC-${card.number} is over ${word(to)}, where it cannot move from ${word(card.status)}.`
    },
    onDragEnd: ({ active, over }) => {
      const card = cardOf(active)
      const to = statusOf(over)
      if (!card) return undefined
      if (!to || to === card.status) return `INC-${card.number} stays in ${word(card.status)}.`
      return canMoveIncident(card.status, to)
        ? `INC-${card.number} moved to ${word(to)}.`
        : `INC-${card.number} cannot move from ${word(card.status)} to ${word(to)}; it stays where it was.`
    },
    onDragCancel: ({ active }) => {
      const card = cardOf(active)
      return card ? `Moving INC-${card.number} was cancelled; it stays in ${word(card.status)}.` : undefined
    },
  }

  function onDragStart(e: DragStartEvent) {
    setDragging(cardOf(e.active) ?? null)
  }
  function onDragEnd(e: DragEndEvent) {
    setDragging(null)
    const card = cardOf(e.active)
    const to = statusOf(e.over)
    if (card && to) requestMove(card, to)
  }

  const live = LIVE_TEXT[mode]
  const filtered = hasBoardFilter(data.filters)

  return (
    <div className="space-y-6">
      <section aria-label="Summary" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <SeverityCountsBar counts={data.counts} total={data.openCount} />
          <div className="flex items-center gap-2 text-xs text-ink-muted" role="status">
            <Badge tone={live.tone} icon={mode === 'live' ? 'check-circle' : mode === 'polling' ? 'clock' : 'spinner'}>
              {live.text}
            </Badge>
            {board.isFetching && <span>Updating…</span>}
          </div>
        </div>
        <ResponseTimes d7={data.stats.d7} d30={data.stats.d30} />
      </section>

      {undo && <UndoResolveNotice key={undo.id} incidentId={undo.id} number={undo.number} onUndone={onUndone} onExpire={onUndoExpire} />}
      <ResolveDialog
        incident={resolving}
        onCancel={() => setResolving(null)}
        onResolve={(note) => {
          if (resolving) move.mutate({ card: resolving, to: 'resolved', note })
          setResolving(null)
        }}
      />
      <div aria-live="assertive" aria-atomic="true">
        {error && (
          <p className="flex items-start gap-2 rounded-md border border-critical-border bg-critical-bg px-3 py-2 text-sm text-critical-fg">
            <Icon name="alert-octagon" className="mt-0.5" />
            <span>{error}</span>
          </p>
        )}
        {board.isError && (
          <p className="flex items-start gap-2 rounded-md border border-at-risk-border bg-at-risk-bg px-3 py-2 text-sm text-at-risk-fg">
            <Icon name="alert" className="mt-0.5" />
            <span>
              The board could not be refreshed ({board.error.message}). It shows what was known {new Date(board.dataUpdatedAt).toLocaleTimeString()}; it
              keeps trying.
            </span>
          </p>
        )}
      </div>
      <p aria-live="polite" className="sr-only">
        {notice}
      </p>

      {data.openCount === 0 && (
        <EmptyState title={filtered ? 'No open incidents match these filters' : 'No open incidents — all quiet'} icon="check-circle" className="rounded-lg border border-line bg-surface">
          {filtered
            ? 'Widen the filters to see more.'
            : 'New alerts open incidents here within seconds. Response times above still cover the last 7 and 30 days.'}
        </EmptyState>
      )}

      <DndContext
        id={dndId}
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              'To move an incident to another column, press space or enter on its move handle, use the arrow keys to choose the next or previous column, then press space or enter to drop it there, or escape to cancel. The buttons on each card do the same.',
          },
        }}
      >
        <div className={cn('grid gap-4 md:grid-cols-2 xl:grid-cols-4')}>
          {BOARD_COLUMNS.map((status) => (
            <BoardColumn
              key={status}
              status={status}
              cards={data.columns[status]}
              total={data.totals[status]}
              hasMore={data.nextCursors[status] !== null}
              loadingMore={loadingMore === status}
              onShowMore={showMore}
              canAck={canAck}
              pendingId={pendingId}
              onMove={requestMove}
              dropAllowed={dragging ? dragging.status === status || canMoveIncident(dragging.status, status) : undefined}
            />
          ))}
        </div>
        <DragOverlay>
          {dragging ? (
            <div className="rounded-md border border-line-strong bg-surface p-3 shadow-lg">
              <IncidentCardBody card={dragging} />
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
    </div>
  )
}
