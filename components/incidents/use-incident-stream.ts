'use client'

import { useEffect, useRef, useState } from 'react'

/** live: events arrive over SSE; polling: the stream is down, so callers poll; connecting: not known yet. */
export type LiveMode = 'connecting' | 'live' | 'polling'

export const STREAM_URL = '/api/incidents/stream'
/** How often to poll while the stream is down: changes must show within 2 seconds either way. */
export const POLL_FALLBACK_MS = 2_000
/** Changes arriving together (a burst of alerts) cause one refresh. */
const COALESCE_MS = 300

/**
 * Subscribes to incident changes (Server-Sent Events). `onChange(ids)` runs once per burst with the ids
 * that changed, and once with [] when the stream (re)connects, since changes may have been missed while
 * it was down. While the stream is down the mode is 'polling': the caller polls instead.
 */
export function useIncidentStream(onChange: (ids: string[]) => void): LiveMode {
  const [mode, setMode] = useState<LiveMode>('connecting')
  const callback = useRef(onChange)
  useEffect(() => {
    callback.current = onChange
  })

  useEffect(() => {
    // Without EventSource the mode stays 'connecting', which callers treat like 'polling'.
    if (typeof EventSource === 'undefined') return
    const pending = new Set<string>()
    let timer: ReturnType<typeof setTimeout> | undefined
    const flush = () => {
      timer = undefined
      const ids = [...pending]
      pending.clear()
      callback.current(ids)
    }
    const schedule = () => {
      timer ??= setTimeout(flush, COALESCE_MS)
    }

    let opened = false
    const source = new EventSource(STREAM_URL)
    source.onopen = () => {
      setMode('live')
      // A reconnect may have missed changes: refresh once.
      if (opened) schedule()
      opened = true
    }
    source.addEventListener('incident', (e) => {
      try {
        const { id } = JSON.parse((e as MessageEvent<string>).data) as { id?: unknown }
        if (typeof id === 'string') pending.add(id)
      } catch {
        // A malformed event still means something changed.
      }
      schedule()
    })
    // EventSource reconnects by itself (CONNECTING); it gives up (CLOSED) on e.g. a 401. Poll meanwhile, either way.
    source.onerror = () => setMode('polling')
    return () => {
      source.close()
      if (timer) clearTimeout(timer)
    }
  }, [])

  return mode
}
