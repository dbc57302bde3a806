'use client'

import { useSyncExternalStore } from 'react'
import { formatUtcTimestamp } from '@/lib/format'
import { formatInZone } from '@/lib/oncall/format'

const noSubscription = () => () => {}
const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone
// The server does not know the viewer's zone: it renders UTC, and the browser swaps in local time.
const serverZone = () => null

/** A time in the viewer's own time zone ("Sun 8 Mar, 15:00 CET"); UTC on the first server render. */
export function ViewerTime({ date }: { date: Date | string }) {
  const zone = useSyncExternalStore(noSubscription, viewerZone, serverZone)
  const d = typeof date === 'string' ? new Date(date) : date
  return (
    <time dateTime={d.toISOString()} className="whitespace-nowrap tabular-nums">
      {zone ? formatInZone(d, zone) : formatUtcTimestamp(d)}
    </time>
  )
}

/** The viewer's zone name, e.g. "Europe/Berlin", for headings and hints; "your time zone" on the server. */
export function ViewerZoneName() {
  const zone = useSyncExternalStore(noSubscription, viewerZone, serverZone)
  return <>{zone ?? 'your time zone'}</>
}
