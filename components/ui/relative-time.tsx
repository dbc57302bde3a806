'use client'

import { useSyncExternalStore } from 'react'
import { formatRelativeTime, formatUtcTimestamp, toDate, type DateInput } from '@/lib/format'
import { cn } from '@/lib/cn'

const TICK_MS = 30_000

/**
 * One shared clock for every RelativeTime on the page: a single 30 s interval, started by the first
 * subscriber and stopped by the last, instead of one timer per timestamp in a long list.
 */
let now = Date.now()
let timer: ReturnType<typeof setInterval> | undefined
const listeners = new Set<() => void>()

function subscribe(listener: () => void) {
  listeners.add(listener)
  if (!timer) {
    now = Date.now()
    timer = setInterval(() => {
      now = Date.now()
      for (const l of listeners) l()
    }, TICK_MS)
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && timer) {
      clearInterval(timer)
      timer = undefined
    }
  }
}

function getSnapshot() {
  // With no clock running the cached time may be stale; refresh it at most once per tick so the
  // snapshot stays stable between React's repeated reads.
  if (!timer && Date.now() - now >= TICK_MS) now = Date.now()
  return now
}

// On the server and during hydration there is no shared "now" and no viewer time zone, so the first
// render shows a fixed UTC timestamp; the browser then swaps in the relative time immediately.
function getServerSnapshot() {
  return null
}

const localFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'long',
})

export interface RelativeTimeProps {
  date: DateInput
  className?: string
}

/** "4 min ago", with the absolute time in the viewer's time zone on hover; refreshes every 30 s. */
export function RelativeTime({ date, className }: RelativeTimeProps) {
  const current = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot)
  const d = toDate(date)
  if (!Number.isFinite(d.getTime())) return <span className={className}>unknown time</span>
  return (
    <time
      dateTime={d.toISOString()}
      title={current === null ? formatUtcTimestamp(d) : localFormat.format(d)}
      // The long UTC stand-in of the first render may wrap in a narrow box; "4 min ago" stays on one line.
      className={cn(current !== null && 'whitespace-nowrap', 'tabular-nums', className)}
    >
      {current === null ? formatUtcTimestamp(d) : formatRelativeTime(d, current)}
    </time>
  )
}
