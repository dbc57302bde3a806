'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { InboxItem } from '@/lib/feedback/inbox-view'
import { cn } from '@/lib/cn'
import { Button } from '@/components/ui/button'
import { ActionPanel, type PanelKind, type Person } from './action-panel'
import { PriorityBadge, SafetyBadge, SlaBadge, StatusBadge, TypeBadge } from './feedback-badges'

const SHORTCUTS: [string, string][] = [
  ['j / k', 'next / previous'],
  ['Enter', 'open'],
  ['x', 'select'],
  ['s', 'status'],
  ['a', 'assign'],
  ['m', 'merge'],
  ['l', 'link'],
  ['Esc', 'close'],
]

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName))

/**
 * The triage inbox, keyboard first (like Linear or Front): j/k move through the items, Enter opens one,
 * x selects it for a bulk move, s/a/m/l open the status, assignment, merge and link forms on the current
 * item (status and assignment on the selection when there is one). Each row's link is what moves, so
 * screen readers and the browser's own focus follow the same place. Everything works with the mouse too.
 */
export function InboxList({ items, people, canTriage }: { items: InboxItem[]; people: Person[]; canTriage: boolean }) {
  const router = useRouter()
  const [current, setCurrent] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [panel, setPanel] = useState<PanelKind | null>(null)
  const [message, setMessage] = useState('')
  const links = useRef<(HTMLAnchorElement | null)[]>([])

  const focusRow = useCallback((i: number) => {
    setCurrent(i)
    links.current[i]?.focus()
  }, [])
  const item = items[Math.min(current, items.length - 1)]
  const bulkIds = [...selected].filter((id) => items.some((i) => i.id === id))
  const toggle = useCallback((id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id]))), [])

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target) || items.length === 0) return
      const i = Math.min(current, items.length - 1)
      // The first j or k enters the list at the current row; later ones move from it.
      const inList = links.current.some((l) => l !== null && l === document.activeElement)
      if (e.key === 'j' || e.key === 'ArrowDown') focusRow(inList ? Math.min(i + 1, items.length - 1) : i)
      else if (e.key === 'k' || e.key === 'ArrowUp') focusRow(inList ? Math.max(i - 1, 0) : i)
      else if (e.key === 'Enter' && !(e.target instanceof HTMLAnchorElement || e.target instanceof HTMLButtonElement)) router.push(`/feedback/${items[i]!.id}`)
      else if (e.key === 'x' && canTriage) toggle(items[i]!.id)
      else if (canTriage && (e.key === 's' || e.key === 'a' || e.key === 'm' || e.key === 'l')) setPanel(({ s: 'status', a: 'assign', m: 'merge', l: 'link' } as const)[e.key])
      else if (e.key === 'Escape') setSelected(new Set())
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [current, items, canTriage, focusRow, toggle, router])

  const closePanel = (msg?: string) => {
    setPanel(null)
    if (msg) {
      setMessage(msg)
      setSelected(new Set())
      router.refresh()
    }
    links.current[Math.min(current, items.length - 1)]?.focus()
  }
  const onSelection = panel && (panel === 'status' || panel === 'assign') && bulkIds.length > 0

  return (
    <div className="space-y-3">
      <p className="text-xs text-ink-muted" id="inbox-keys">
        Keyboard: {SHORTCUTS.map(([k, v]) => `${k} ${v}`).join(' · ')}
      </p>
      {canTriage && bulkIds.length > 0 && (
        <div role="toolbar" aria-label="Selected items" className="flex flex-wrap items-center gap-2 rounded-md border border-line bg-surface-muted px-3 py-2 text-sm">
          <span className="font-medium tabular-nums">{bulkIds.length} selected</span>
          <Button size="sm" onClick={() => setPanel('status')}>
            Set status…
          </Button>
          <Button size="sm" onClick={() => setPanel('assign')}>
            Assign…
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      )}
      {panel && item && (
        <ActionPanel
          key={`${panel}:${onSelection ? 'bulk' : item.id}`}
          kind={panel}
          ids={onSelection ? bulkIds : [item.id]}
          subject={onSelection ? `${bulkIds.length} selected ${bulkIds.length === 1 ? 'item' : 'items'}` : `FB-${item.number}`}
          people={people}
          currentStatus={onSelection ? undefined : item.status}
          currentAssigneeId={onSelection ? undefined : (item.assignee?.id ?? null)}
          onDone={(m) => closePanel(m)}
          onCancel={() => closePanel()}
        />
      )}
      <p aria-live="polite" className="text-sm font-medium text-ok-fg">
        {message}
      </p>
      <ol aria-label="Feedback items" aria-describedby="inbox-keys" className="divide-y divide-line rounded-md border border-line bg-surface">
        {items.map((it, i) => (
          <li key={it.id} className={cn('flex gap-3 px-3 py-2.5', i === current && 'bg-accent-subtle/60', selected.has(it.id) && 'bg-accent-subtle')}>
            {canTriage && (
              <input
                type="checkbox"
                className="mt-1 size-4 shrink-0"
                aria-label={`Select FB-${it.number}`}
                checked={selected.has(it.id)}
                onChange={() => toggle(it.id)}
                tabIndex={-1}
              />
            )}
            <div className="min-w-0 flex-1 space-y-1">
              <div className="flex flex-wrap items-center gap-1.5">
                <Link
                  ref={(el) => {
                    links.current[i] = el
                  }}
                  href={`/feedback/${it.id}`}
                  aria-current={i === current ? 'true' : undefined}
                  onFocus={() => setCurrent(i)}
                  className="font-medium text-ink hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                >
                  <span className="tabular-nums">FB-{it.number}</span> <span className="break-words">{it.summary}</span>
                </Link>
              </div>
              <div className="flex flex-wrap items-center gap-1.5">
                {it.safetyConcern && <SafetyBadge />}
                <PriorityBadge priority={it.priority} />
                <TypeBadge type={it.type} />
                <StatusBadge status={it.status} />
                <SlaBadge timer={it.sla} dueAt={it.slaDueAt} />
                {it.incident && (
                  <Link href={`/incidents/${it.incident.id}`} className="text-xs font-medium text-accent-fg underline">
                    INC-{it.incident.number}
                  </Link>
                )}
              </div>
              <p className="text-xs text-ink-muted">
                {it.priorityReason}
                {it.safetyCue && ` · cue: ${it.safetyCue}`}
                {it.redactions && ` · redacted: ${it.redactions}`}
                {it.duplicateCount > 0 && ` · ${it.duplicateCount} ${it.duplicateCount === 1 ? 'duplicate' : 'duplicates'}`}
                {it.affectedDepartments.length > 0 && ` · ${it.affectedDepartments.join(', ')}`}
                {` · ${it.assignee ? `assigned to ${it.assignee.name}` : 'unassigned'}`}
              </p>
              {it.link && (
                <p className="text-xs">
                  <Link href={it.link} className="text-accent-fg underline">
                    Funnel{it.workflow ? ` of ${it.workflow}` : ''}
                    {it.step ? `, step ${it.step}` : ''}
                  </Link>
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  )
}
