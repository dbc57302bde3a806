'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'
import type { FeedbackStatus } from '@/lib/feedback/schema'
import { Button } from '@/components/ui/button'
import { ActionPanel, type PanelKind, type Person } from './action-panel'

const BUTTONS: [PanelKind, string][] = [
  ['status', 'Set status'],
  ['assign', 'Assign'],
  ['merge', 'Merge'],
  ['link', 'Link'],
]

/** The item page's triage moves: the same forms as the inbox (and the same keys: s, a, m, l). */
export function DetailActions({ id, number, status, assigneeId, people }: { id: string; number: number; status: FeedbackStatus; assigneeId: string | null; people: Person[] }) {
  const router = useRouter()
  const [panel, setPanel] = useState<PanelKind | null>(null)
  const [message, setMessage] = useState('')
  return (
    <div
      className="space-y-3"
      onKeyDown={(e) => {
        const t = e.target as HTMLElement
        if (e.altKey || e.ctrlKey || e.metaKey || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName)) return
        const kind = ({ s: 'status', a: 'assign', m: 'merge', l: 'link' } as const)[e.key as 's' | 'a' | 'm' | 'l']
        if (kind) {
          e.preventDefault()
          setPanel(kind)
        }
      }}
    >
      <div className="flex flex-wrap gap-2">
        {BUTTONS.map(([kind, label]) => (
          <Button key={kind} size="sm" variant={panel === kind ? 'primary' : 'secondary'} aria-expanded={panel === kind} onClick={() => setPanel(panel === kind ? null : kind)}>
            {label}
          </Button>
        ))}
      </div>
      {panel && (
        <ActionPanel
          key={panel}
          kind={panel}
          ids={[id]}
          subject={`FB-${number}`}
          people={people}
          currentStatus={status}
          currentAssigneeId={assigneeId}
          onDone={(m) => {
            setPanel(null)
            setMessage(m)
            router.refresh()
          }}
          onCancel={() => setPanel(null)}
        />
      )}
      <p aria-live="polite" className="text-sm font-medium text-ok-fg">
        {message}
      </p>
    </div>
  )
}
