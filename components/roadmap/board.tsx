'use client'

import { useEffect, useMemo, useOptimistic, useRef, useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core'
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable'
import { BOARD_STAGES, itemRef, STAGE_LABELS } from '@/lib/roadmap/model'
import type { WipLimits } from '@/lib/roadmap/schema'
import { moveItemAction } from '@/lib/roadmap/actions'
import { CardContent } from './board-card'
import { BoardColumn } from './board-column'
import { isBoardStage, locate, moveCard, positionWords, type BoardItem, type BoardStage, type Columns } from './board-moves'

export type BoardData = Columns<BoardItem>

export interface BoardProps {
  columns: BoardData
  limits: WipLimits
  /** Editors drag and move cards; readers see the same board without handles or menus. */
  canEdit: boolean
}

const INSTRUCTIONS =
  'To pick up a card, press Space or Enter on its handle. Use the arrow keys to move it: left and right change the column, up and down the position. Press Space or Enter again to drop it, or Escape to cancel. Each card’s Move menu does the same without dragging.'

type Move = { id: string; stage: BoardStage; index: number }

/**
 * The roadmap's kanban. A drop (mouse, touch or keyboard) or a Move menu choice shows the card in its new
 * place at once and asks the server to move it there; if the server refuses (a release with open gates, an
 * item someone else changed meanwhile), the card goes back, the reason is shown, and the board is read
 * again so the other person's change appears. Every step is announced to screen readers.
 */
export function Board({ columns, limits, canEdit }: BoardProps) {
  const router = useRouter()
  const [, startTransition] = useTransition()
  const [shown, showMove] = useOptimistic(columns, (state: BoardData, m: Move) => moveCard(state, m.id, m.stage, m.index))
  // The columns while a card is dragged over them (drag over another column moves it there for the preview).
  const [dragging, setDragging] = useState<BoardData | null>(null)
  const draggingRef = useRef<BoardData | null>(null)
  const pickedUp = useRef(false)
  const dropped = useRef<(Move & { count: number }) | null>(null)
  const [activeId, setActiveId] = useState<string | null>(null)
  const [alert, setAlert] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  // Versions the server answered since the page was read, so two quick moves of one card do not conflict.
  const versions = useRef(new Map<string, number>())
  // A card moved with its menu re-renders in another place: focus follows it there (and back, if refused).
  const follow = useRef<string | null>(null)
  const stale = useRef(false)

  const view = dragging ?? shown
  const byId = useMemo(() => new Map(BOARD_STAGES.flatMap((s) => view[s].map((c) => [c.id, c] as const))), [view])
  const titleOf = (id: UniqueIdentifier) => {
    const c = byId.get(String(id))
    return c ? `${itemRef(c.number)} ${c.title}` : 'The card'
  }

  // After a refusal, once the card is back (the optimistic copy dropped), read the board again: after a
  // conflict it shows the other person's change. Refreshing inside the move's transition would hold the
  // card in its refused place until the refresh had finished.
  useEffect(() => {
    if (stale.current && shown === columns) {
      stale.current = false
      router.refresh()
    }
  })

  useEffect(() => {
    if (follow.current) document.querySelector<HTMLElement>(`[data-card="${follow.current}"] summary`)?.focus()
  }, [shown])

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )

  function setDrag(next: BoardData | null) {
    draggingRef.current = next
    setDragging(next)
  }

  /** Where the card would land if dropped now: the dragged copy's column and index. */
  function landing(id: UniqueIdentifier, overId: UniqueIdentifier | null | undefined): Move | null {
    const cols = draggingRef.current ?? shown
    const at = locate(cols, String(id))
    if (!at) return null
    if (overId === null || overId === undefined || overId === id || isBoardStage(overId)) return { id: String(id), ...at }
    const over = locate(cols, String(overId))
    if (!over || over.stage !== at.stage) return { id: String(id), ...at }
    return { id: String(id), stage: at.stage, index: over.index }
  }

  function commit(item: BoardItem, stage: BoardStage, index: number, fromMenu = false) {
    const from = locate(shown, item.id)
    if (!from || (from.stage === stage && from.index === index)) return
    const version = Math.max(item.version, versions.current.get(item.id) ?? 0)
    setAlert(null)
    follow.current = fromMenu ? item.id : null
    startTransition(async () => {
      showMove({ id: item.id, stage, index })
      const result = await moveItemAction({ id: item.id, version, stage, position: index })
      if (result.ok) {
        const data = result.data as { version: number } | undefined
        if (data) versions.current.set(item.id, data.version)
        setStatus(result.message ?? `${itemRef(item.number)} moved to ${STAGE_LABELS[stage]}.`)
      } else {
        setAlert(`${itemRef(item.number)} was not moved and is back in ${STAGE_LABELS[from.stage]}. ${result.message ?? 'The server refused the move.'}`)
        stale.current = true
      }
      // Once the board has settled, later renders (another person's form, a refresh) leave focus alone.
      setTimeout(() => {
        if (follow.current === item.id) follow.current = null
      }, 1500)
    })
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const at = locate(shown, String(active.id))
      return at ? `Picked up ${titleOf(active.id)}, in ${positionWords(at.stage, at.index, shown[at.stage].length)}.` : `Picked up ${titleOf(active.id)}.`
    },
    onDragOver: ({ active, over }) => {
      // Right after pick-up the card is over itself: "Picked up …" has said where it is.
      const first = pickedUp.current
      pickedUp.current = false
      if (first && over?.id === active.id) return undefined
      if (!over) return `${titleOf(active.id)} is no longer over a column.`
      const to = landing(active.id, over.id)
      return to ? `${titleOf(active.id)} is over ${positionWords(to.stage, to.index, (draggingRef.current ?? shown)[to.stage].length)}.` : undefined
    },
    // Our onDragEnd runs first and ends the drag, so it leaves where the card landed for this announcement.
    onDragEnd: ({ active }) => {
      const drop = dropped.current
      if (!drop || drop.id !== active.id) return `${titleOf(active.id)} was dropped outside the board and stays where it was.`
      return `${titleOf(active.id)} was dropped in ${positionWords(drop.stage, drop.index, drop.count)}.`
    },
    onDragCancel: ({ active }) => {
      const at = locate(shown, String(active.id))
      return `Moving ${titleOf(active.id)} was cancelled${at ? `; it stays in ${positionWords(at.stage, at.index, shown[at.stage].length)}` : ''}.`
    },
  }

  function onDragStart({ active }: DragStartEvent) {
    follow.current = null
    pickedUp.current = true
    setActiveId(String(active.id))
    setDrag(shown)
  }

  function onDragOver({ active, over }: DragOverEvent) {
    const cols = draggingRef.current
    if (!cols || !over) return
    const from = locate(cols, String(active.id))
    const overStage = isBoardStage(over.id) ? over.id : locate(cols, String(over.id))?.stage
    if (!from || !overStage || overStage === from.stage) return
    const overIndex = isBoardStage(over.id) ? cols[overStage].length : (locate(cols, String(over.id))?.index ?? cols[overStage].length)
    setDrag(moveCard(cols, String(active.id), overStage, overIndex))
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    const to = over ? landing(active.id, over.id) : null
    const item = byId.get(String(active.id))
    dropped.current = to ? { ...to, count: (draggingRef.current ?? shown)[to.stage].length } : null
    setActiveId(null)
    setDrag(null)
    // Over a card of its column the card takes that card's place (what the sortable preview showed).
    if (to && item) commit(item, to.stage, to.index)
  }

  function onDragCancel() {
    setActiveId(null)
    setDrag(null)
  }

  const active = activeId ? byId.get(activeId) : undefined
  // `relative` keeps the cards' screen-reader-only text inside the scrolling box, not widening the page.
  const board = (
    <div className="scroll-fade-x relative grid auto-cols-[minmax(13rem,1fr)] grid-flow-col gap-3 overflow-x-auto pb-2">
      {BOARD_STAGES.map((stage) => (
        <BoardColumn key={stage} stage={stage} items={view[stage]} limit={limits[stage]} canEdit={canEdit} move={(item, to, index) => commit(item, to, index, true)} />
      ))}
    </div>
  )

  return (
    <div className="space-y-3">
      <div role="alert" className="empty:hidden">
        {alert && (
          <p className="flex items-start justify-between gap-3 rounded-md border border-critical-border bg-critical-bg px-3 py-2 text-sm text-critical-fg">
            <span>{alert}</span>
            <button type="button" onClick={() => setAlert(null)} className="shrink-0 font-medium underline">
              Dismiss
            </button>
          </p>
        )}
      </div>
      <p role="status" className="sr-only">
        {status}
      </p>
      {canEdit ? (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCorners}
          onDragStart={onDragStart}
          onDragOver={onDragOver}
          onDragEnd={onDragEnd}
          onDragCancel={onDragCancel}
          accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
        >
          {board}
          <DragOverlay>
            {active ? (
              <div className="rounded-md border border-accent bg-surface p-2.5 shadow-lg ring-2 ring-accent-muted">
                <CardContent item={active} />
              </div>
            ) : null}
          </DragOverlay>
        </DndContext>
      ) : (
        board
      )}
    </div>
  )
}
