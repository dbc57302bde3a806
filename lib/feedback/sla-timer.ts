/**
 * The SLA timer every inbox row and item page shows, in words: how long until an item must be triaged, by
 * how much it is late, or whether it was triaged in time. Pure (the caller passes `now`); whole minutes, so
 * a list rendered on the server and refreshed a second later reads the same.
 */
import { formatDuration } from '@/lib/format'
import { slaState, type SlaState } from './sla'

const MINUTE = 60_000

/** A span in whole minutes ("3 h 20 min", "2 d 4 h"); under a minute reads "under a minute". */
export function slaSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE)
  return minutes === 0 ? 'under a minute' : formatDuration(minutes * MINUTE)
}

export interface SlaTimer {
  state: SlaState
  /** "due in 3 h 20 min", "overdue by 45 min", "met", "breached by 2 h". */
  text: string
}

export function slaTimer(dueAt: Date, triagedAt: Date | null, now: Date): SlaTimer {
  const state = slaState(dueAt, triagedAt, now)
  switch (state) {
    case 'running':
      return { state, text: `due in ${slaSpan(dueAt.getTime() - now.getTime())}` }
    case 'overdue':
      return { state, text: `overdue by ${slaSpan(now.getTime() - dueAt.getTime())}` }
    case 'met':
      return { state, text: 'met' }
    case 'breached':
      return { state, text: `breached by ${slaSpan(triagedAt!.getTime() - dueAt.getTime())}` }
  }
}
