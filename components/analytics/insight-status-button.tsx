'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { setInsightStatusAction } from '@/lib/analytics/registry-actions'
import type { InsightStatus } from '@/lib/analytics/registry-schema'
import { cn } from '@/lib/cn'
import { Button } from '@/components/ui/button'

/** Dismiss an open insight (or reopen a dismissed one); audited, and undone by the other button. */
export function InsightStatusButton({ id, status, subject }: { id: string; status: InsightStatus; subject: string }) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const [error, setError] = useState<string | null>(null)
  const next = status === 'dismissed' ? 'open' : 'dismissed'
  return (
    <div className="flex flex-col items-end">
      <Button
        size="sm"
        variant="ghost"
        loading={pending}
        onClick={() =>
          start(async () => {
            setError(null)
            try {
              const r = await setInsightStatusAction({ id, status: next })
              if (!r.ok) setError(r.message ?? 'That did not work.')
              else router.refresh()
            } catch {
              setError('Wardroom could not be reached. Check your connection and try again.')
            }
          })
        }
      >
        {next === 'dismissed' ? 'Dismiss' : 'Reopen'}
        <span className="sr-only"> the insight about {subject}</span>
      </Button>
      <p aria-live="polite" className={cn('max-w-48 text-right text-xs font-medium text-critical-fg', !error && 'sr-only')}>
        {error}
      </p>
    </div>
  )
}
