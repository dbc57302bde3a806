'use client'

import { useEffect, useId, useRef } from 'react'
import { useQuery } from '@tanstack/react-query'
import type { DropOffList, DropOffPerson, FunnelStepReport } from '@/lib/analytics/funnel-query'
import { formatNumber } from '@/lib/format'
import { Button, buttonClasses } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { Icon } from '@/components/ui/icons'
import { LoadingState } from '@/components/ui/loading-state'
import { ViewerTime } from '@/components/ui/viewer-time'
import { dropOffsUrl, funnelExportUrl, funnelKeys } from './funnel-query-keys'

export interface DropOffDialogProps {
  /** The step whose lost people to show; null keeps the dialog closed. */
  step: FunnelStepReport | null
  search: string
  k: number
  onClose: () => void
}

async function fetchDropOffs(search: string, step: number, signal: AbortSignal): Promise<DropOffList> {
  const res = await fetch(dropOffsUrl(search, step), { headers: { accept: 'application/json' }, cache: 'no-store', signal })
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null
    throw new Error(body?.error?.message ?? `The server answered ${res.status}`)
  }
  return (await res.json()) as DropOffList
}

function Person({ person }: { person: DropOffPerson }) {
  return (
    <li className="space-y-2 px-4 py-3">
      <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
        <span className="font-mono font-medium text-ink">{person.person}</span>
        <span className="text-ink-muted">
          reached step {person.reachedStep} · started <ViewerTime date={person.startedAt} />
        </span>
      </p>
      {person.sessions.length === 0 ? (
        <p className="text-sm text-ink-muted">No session recorded around this attempt (sessions are computed every 5 minutes).</p>
      ) : (
        <ol className="space-y-1.5" aria-label={`Sessions of ${person.person}`}>
          {person.sessions.map((s) => (
            <li key={s.startedAt} className="rounded-md border border-line px-3 py-2 text-sm">
              <p className="text-xs text-ink-muted tabular-nums">
                <ViewerTime date={s.startedAt} /> to <ViewerTime date={s.endedAt} /> · {formatNumber(s.eventCount)} {s.eventCount === 1 ? 'event' : 'events'}
              </p>
              <p className="mt-1 flex flex-wrap items-center gap-1 font-mono text-xs text-ink">
                {s.events.map((e, i) => (
                  <span key={i} className="inline-flex items-center gap-1">
                    {i > 0 && <span aria-hidden="true" className="text-ink-faint">→</span>}
                    <span className="rounded bg-surface-muted px-1.5 py-0.5">{e}</span>
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ol>
      )}
    </li>
  )
}

function Body({ list, k, stepNumber }: { list: DropOffList; k: number; stepNumber: number }) {
  if (list.lost === null) {
    return (
      <EmptyState title="Who was lost here is not shown" icon="shield">
        Fewer than {k} people were lost at this step, or fewer than {k} reached one side of it. In a group that small a pseudonym and
        its sessions could point at someone (k-anonymity), so nobody is listed.
      </EmptyState>
    )
  }
  if (list.lost === 0) {
    return <EmptyState title="Nobody was lost here">Everyone who reached step {stepNumber - 1} went on to this step within the conversion window.</EmptyState>
  }
  return (
    <>
      <p className="px-4 pt-3 text-sm text-ink-muted">
        {formatNumber(list.lost)} people reached step {stepNumber - 1} but not step {stepNumber}
        {list.people.length < list.lost ? `; the ${formatNumber(list.people.length)} most recent are shown` : ''}. People are pseudonyms: the same
        person has the same one on this page, and nothing here says who they are.
      </p>
      <ul className="divide-y divide-line" aria-label="People lost at this step">
        {list.people.map((p) => (
          <Person key={p.person + p.startedAt} person={p} />
        ))}
      </ul>
    </>
  )
}

/**
 * The people lost at a step and their sessions around the attempt, each as its events in order: a modal
 * `<dialog>` (Escape or Close closes it, focus returns to the button), loaded when it opens.
 */
export function DropOffDialog({ step, search, k, onClose }: DropOffDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const open = step !== null
  const query = useQuery({
    queryKey: funnelKeys.dropOffs(search, step?.step ?? 0),
    queryFn: ({ signal }) => fetchDropOffs(search, step!.step, signal),
    enabled: open,
    staleTime: 60_000,
  })

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    else if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="m-auto max-h-[85vh] w-[calc(100%-2rem)] max-w-2xl overflow-hidden rounded-lg border border-line bg-surface p-0 text-ink shadow-xl backdrop:bg-ink/40"
      onClose={() => {
        if (open) onClose()
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose()
      }}
    >
      {step && (
        <div className="flex max-h-[85vh] flex-col">
          <div className="flex items-start justify-between gap-4 border-b border-line px-4 py-3">
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold">
                Lost at step {step.step}: {step.label}
              </h2>
              <p className="text-sm text-ink-muted">Reached step {step.step - 1} but not this one, within the conversion window.</p>
            </div>
            <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close this list">
              <Icon name="x" size={16} />
            </Button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            {query.isPending ? (
              <LoadingState rows={4} label="Loading the people lost at this step…" className="px-4" />
            ) : query.isError ? (
              <ErrorState title="The sessions could not be loaded" onRetry={() => void query.refetch()} className="m-4">
                {query.error.message}
              </ErrorState>
            ) : (
              <Body list={query.data} k={k} stepNumber={step.step} />
            )}
          </div>
          <div className="flex flex-wrap items-center justify-end gap-2 border-t border-line px-4 py-3">
            {query.data && query.data.lost !== null && query.data.lost > 0 && (
              <a href={funnelExportUrl(search, 'dropoffs', step.step)} download className={buttonClasses('secondary', 'sm')}>
                <Icon name="arrow-down" size={14} />
                Download CSV
              </a>
            )}
            <Button size="sm" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      )}
    </dialog>
  )
}
