'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { deleteInboxFilterAction, saveInboxFilterAction } from '@/lib/feedback/actions'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'

/** The reader's saved views of the inbox: open one, save the current filters under a name, delete one. */
export function SavedFilters({ filters, query }: { filters: { id: string; name: string; query: string }[]; query: string }) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const run = (fn: () => Promise<{ ok: boolean; message?: string }>) =>
    start(async () => {
      try {
        const r = await fn()
        setMessage({ ok: r.ok, text: r.message ?? '' })
        if (r.ok) router.refresh()
      } catch {
        setMessage({ ok: false, text: 'Wardroom could not be reached. Try again.' })
      }
    })
  return (
    <div className="space-y-2">
      {filters.length > 0 ? (
        <ul aria-label="Saved filters" className="flex flex-wrap gap-2">
          {filters.map((f) => (
            <li key={f.id} className="flex items-center gap-1 rounded-md border border-line px-2 py-0.5 text-sm">
              <Link href={f.query ? `/feedback?${f.query}` : '/feedback'} className="font-medium text-accent-fg underline">
                {f.name}
              </Link>
              <Button size="sm" variant="ghost" aria-label={`Delete saved filter ${f.name}`} onClick={() => run(() => deleteInboxFilterAction({ id: f.id }))}>
                ×
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-ink-muted">No saved filters yet: set filters, name them and save.</p>
      )}
      <form className="flex flex-wrap items-end gap-2" action={(form) => run(() => saveInboxFilterAction({ name: String(form.get('name') ?? ''), query }))}>
        <InputField label="Save these filters as" name="name" maxLength={60} required autoComplete="off" />
        <Button type="submit" size="sm" loading={pending}>
          Save filter
        </Button>
      </form>
      <p aria-live="polite" className={message?.ok ? 'text-sm text-ok-fg' : 'text-sm font-medium text-critical-fg'}>
        {message?.text}
      </p>
    </div>
  )
}
