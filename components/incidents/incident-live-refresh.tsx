'use client'

import { useEffect } from 'react'
import { useRouter } from 'next/navigation'
import { useIncidentStream } from './use-incident-stream'

/** While the stream is down the page is fetched again this often (a whole page, so less often than the board). */
const PAGE_POLL_MS = 10_000

/**
 * Keeps an incident page current: when this incident changes (a colleague's note, a new alert, a delivery
 * result), the server components are fetched again.
 */
export function IncidentLiveRefresh({ incidentId }: { incidentId: string }) {
  const router = useRouter()
  const mode = useIncidentStream((ids) => {
    if (ids.length === 0 || ids.includes(incidentId)) router.refresh()
  })
  useEffect(() => {
    if (mode !== 'polling') return
    const timer = setInterval(() => router.refresh(), PAGE_POLL_MS)
    return () => clearInterval(timer)
  }, [mode, router])
  return (
    // A span: it sits inside the page header's description paragraph.
    <span role="status" className="text-xs text-ink-muted">
      {mode === 'live' ? 'Live: changes appear as they happen.' : mode === 'polling' ? 'Live updates interrupted; refreshing every 10 s.' : 'Connecting…'}
    </span>
  )
}
