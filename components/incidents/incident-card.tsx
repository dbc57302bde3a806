'use client'

import Link from 'next/link'
import { type IncidentStatus } from '@/lib/severity'
import { useId, type ReactNode } from 'react'
import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { RelativeTime } from '@/components/ui/relative-time'
import { SeverityBadge } from '@/components/ui/severity-badge'
import { VisuallyHidden } from '@/components/ui/visually-hidden'
import { cn } from '@/lib/cn'
import type { BoardCard } from '@/lib/incidents/board'

import { WorkflowChips } from './workflow-chips'

/** The buttons on a card: the forward moves of the board (reopening is on the incident page). */
export const CARD_MOVES: Record<IncidentStatus, { to: IncidentStatus; label: string }[]> = {
  triggered: [
    { to: 'acknowledged', label: 'Acknowledge' },
    { to: 'investigating', label: 'Investigate' },
    { to: 'resolved', label: 'Resolve' },
  ],
  acknowledged: [
    { to: 'investigating', label: 'Investigate' },
    { to: 'resolved', label: 'Resolve' },
  ],
  investigating: [{ to: 'resolved', label: 'Resolve' }],
  resolved: [],
}

export const incidentLabel = (card: Pick<BoardCard, 'number' | 'title'>) => `INC-${card.number} ${card.title}`

/** Six dots: the universal "drag me" mark (not in the shared icon set). */
function GripIcon() {
  return (
    <svg viewBox="0 0 24 24" width={16} height={16} fill="currentColor" aria-hidden="true" focusable="false">
      {[6, 12, 18].flatMap((y) => [9, 15].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r={1.6} />))}
    </svg>
  )
}

export interface IncidentCardProps {
  card: BoardCard
  canAck: boolean
  /** This card's move is being saved. */
  pending?: boolean
  onMove?: (card: BoardCard, to: IncidentStatus) => void
}

/** The card's content; shared by the card on the board and the copy that follows the pointer while dragging. */
export function IncidentCardBody({ card, titleId, handle, actions }: { card: BoardCard; titleId?: string; handle?: ReactNode; actions?: ReactNode }) {
  const muted = card.muted || card.inMaintenance
  const when = card.status === 'resolved' && card.resolvedAt ? card.resolvedAt : card.triggeredAt
  return (
    <>
      <div className="flex items-start gap-2">
        {handle}
        <div className="min-w-0 flex-1">
          <h3 id={titleId} className="text-sm font-semibold wrap-anywhere text-ink">
            <Link href={`/incidents/${card.id}`} className="hover:underline">
              <span className="text-ink-muted tabular-nums">INC-{card.number}</span> {card.title}
            </Link>
          </h3>
          <div className="mt-1.5 flex flex-wrap items-center gap-1.5">
            <SeverityBadge severity={card.severity} />
            {muted && (
              <Badge tone="neutral" icon="clock">
                Muted (maintenance)
              </Badge>
            )}
          </div>
        </div>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs text-ink-muted">
        <dt>Service</dt>
        <dd className="truncate text-ink">{card.service?.name ?? 'No service'}</dd>
        <dt>Assignee</dt>
        <dd className="truncate text-ink">{card.assignee?.name ?? 'Unassigned'}</dd>
        <dt>{card.status === 'resolved' ? 'Resolved' : 'Opened'}</dt>
        <dd className="text-ink">
          <RelativeTime date={when} />
        </dd>
        <dt>Alerts</dt>
        <dd className="text-ink tabular-nums">
          {card.alertCount}
          {card.status !== 'resolved' && card.openAlertCount > 0 ? ` (${card.openAlertCount} firing)` : ''}
        </dd>
      </dl>
      <WorkflowChips workflows={card.workflows} className="mt-2" />
      {actions}
    </>
  )
}

/** One incident on the board: draggable by its handle (pointer or keyboard), movable by its buttons. */
export function IncidentCard({ card, canAck, pending = false, onMove }: IncidentCardProps) {
  const titleId = useId()
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { status: card.status, card },
    disabled: !canAck || pending,
  })
  const label = `INC-${card.number}`
  const moves = canAck ? CARD_MOVES[card.status] : []

  return (
    <article
      ref={setNodeRef}
      aria-labelledby={titleId}
      aria-busy={pending || undefined}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn(
        'rounded-md border bg-surface p-3 shadow-xs',
        card.severity === 'critical' && card.status !== 'resolved' ? 'border-critical-border' : 'border-line',
        isDragging && 'opacity-40',
        pending && 'opacity-70',
      )}
    >
      <IncidentCardBody
        card={card}
        titleId={titleId}
        handle={
          canAck ? (
            <button
              type="button"
              ref={setActivatorNodeRef}
              {...attributes}
              {...listeners}
              aria-label={`Move ${label}`}
              aria-roledescription="draggable incident"
              className="-ml-1 mt-0.5 cursor-grab rounded p-0.5 text-ink-faint hover:bg-surface-muted hover:text-ink active:cursor-grabbing"
            >
              <GripIcon />
            </button>
          ) : undefined
        }
        actions={
          moves.length > 0 ? (
            <div className="mt-3 flex flex-wrap gap-1.5">
              {moves.map((m) => (
                <Button key={m.to} size="sm" variant={m.to === 'resolved' ? 'ghost' : 'secondary'} disabled={pending} onClick={() => onMove?.(card, m.to)}>
                  {m.label}
                  <VisuallyHidden> {label}</VisuallyHidden>
                </Button>
              ))}
            </div>
          ) : undefined
        }
      />
    </article>
  )
}
