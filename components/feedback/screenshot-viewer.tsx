'use client'

import { useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'

type State = { kind: 'hidden' } | { kind: 'loading' } | { kind: 'shown'; url: string } | { kind: 'expired' } | { kind: 'failed'; message: string }

/**
 * A report's screenshot, behind a button: it may show a patient, so it is fetched only when a triager asks
 * (each fetch is audited by the route) and is never in the page's HTML. The object URL is revoked on hide.
 */
export function ScreenshotViewer({ itemId, number }: { itemId: string; number: number }) {
  const [state, setState] = useState<State>({ kind: 'hidden' })

  useEffect(() => () => void (state.kind === 'shown' && URL.revokeObjectURL(state.url)), [state])

  async function show() {
    setState({ kind: 'loading' })
    try {
      const res = await fetch(`/api/feedback/items/${itemId}/screenshot`, { cache: 'no-store' })
      if (res.ok) return setState({ kind: 'shown', url: URL.createObjectURL(await res.blob()) })
      const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null
      if (body?.error?.code === 'screenshot_expired') return setState({ kind: 'expired' })
      setState({ kind: 'failed', message: body?.error?.message ?? `The screenshot could not be loaded (${res.status}).` })
    } catch {
      setState({ kind: 'failed', message: 'The screenshot could not be loaded. Check the connection and try again.' })
    }
  }

  if (state.kind === 'expired') return <p className="text-sm text-ink-muted">The screenshot has expired and was deleted.</p>
  return (
    <div className="space-y-2">
      {state.kind === 'shown' ? (
        <>
          <Button size="sm" onClick={() => setState({ kind: 'hidden' })}>
            Hide screenshot
          </Button>
          {/* eslint-disable-next-line @next/next/no-img-element -- a private blob: URL, not an optimisable asset */}
          <img src={state.url} alt={`Screenshot attached to FB-${number} by the host app`} className="max-h-[32rem] max-w-full rounded border border-line" />
        </>
      ) : (
        <Button size="sm" loading={state.kind === 'loading'} onClick={() => void show()}>
          Show screenshot
        </Button>
      )}
      <p aria-live="polite" className="text-sm text-critical-fg">
        {state.kind === 'failed' ? state.message : ''}
      </p>
    </div>
  )
}
