/**
 * Incident changes for the live board, from this process and from every other instance on the database.
 * In-process changes arrive at once through lib/live.ts; changes made by other instances are
 * found by one shared poll of Incident.updatedAt per second, running only while a board is open.
 *
 * The poll looks back a few seconds rather than only past the last maximum: updatedAt is stamped when the
 * statement runs, not when its transaction commits, and instances' clocks differ a little, so a change can
 * become visible with a timestamp older than one already seen. Rows seen with the same updatedAt are not
 * reported twice.
 */
import 'server-only'
import { db } from '../db'
import { logger } from '../logger'
import { subscribeIncidentChanges } from '@/lib/live'

export interface IncidentChangeEvent {
  id: string
  updatedAt: string
}
export type IncidentChangeHandler = (change: IncidentChangeEvent) => void

export const POLL_INTERVAL_MS = 1_000
const LOOKBACK_MS = 10_000
const MAX_CLOCK_SKEW_MS = 2_000
const POLL_LIMIT = 200

interface Watcher {
  handlers: Set<IncidentChangeHandler>
  timer: ReturnType<typeof setInterval> | null
  unsubscribe: (() => void) | null
  /** id → updatedAt (ms) of rows already reported, kept for the look-back window. */
  seen: Map<string, number>
  /** Latest updatedAt seen; the next poll reads from LOOKBACK_MS before it. */
  high: number
  /** The poll in flight; a second caller waits for it rather than querying twice. */
  inflight: Promise<number> | null
  failing: boolean
}

interface WatchGlobals {
  wardroomIncidentWatcher?: Watcher
}
const g = globalThis as unknown as WatchGlobals

function watcher(): Watcher {
  g.wardroomIncidentWatcher ??= { handlers: new Set(), timer: null, unsubscribe: null, seen: new Map(), high: 0, inflight: null, failing: false }
  return g.wardroomIncidentWatcher
}

function emit(w: Watcher, change: IncidentChangeEvent): void {
  for (const h of [...w.handlers]) {
    try {
      h(change)
    } catch {
      // One closed stream must not stop the others hearing about the change.
    }
  }
}

/** One poll: reports rows whose updatedAt is new since the last poll. Exported for tests. */
export function pollIncidentChanges(): Promise<number> {
  const w = watcher()
  w.inflight ??= poll(w).finally(() => {
    w.inflight = null
  })
  return w.inflight
}

async function poll(w: Watcher): Promise<number> {
  try {
    const since = new Date(Math.max(0, w.high - LOOKBACK_MS))
    const rows = await db.incident.findMany({
      where: { updatedAt: { gt: since } },
      select: { id: true, updatedAt: true },
      orderBy: { updatedAt: 'desc' },
      take: POLL_LIMIT,
    })
    // The first poll only learns where "now" is; what happened before the board opened is in its first fetch.
    const initial = w.high === 0
    let reported = 0
    for (const r of rows) {
      const t = r.updatedAt.getTime()
      if (w.seen.get(r.id) === t) continue
      w.seen.set(r.id, t)
      // A row stamped in the future (a skewed clock, back-dated data) must not move the window past real changes.
      if (t > w.high) w.high = Math.min(t, Date.now() + MAX_CLOCK_SKEW_MS)
      if (!initial) {
        emit(w, { id: r.id, updatedAt: r.updatedAt.toISOString() })
        reported += 1
      }
    }
    if (w.high === 0) w.high = Date.now()
    for (const [id, t] of w.seen) if (t < w.high - LOOKBACK_MS) w.seen.delete(id)
    if (w.failing) logger.info('incident change poll recovered')
    w.failing = false
    return reported
  } catch (err) {
    // The database may be briefly unavailable; the next tick tries again. Log the transition, not every tick.
    if (!w.failing) logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'incident change poll failed')
    w.failing = true
    return 0
  }
}

function start(w: Watcher): void {
  w.unsubscribe = subscribeIncidentChanges((c) => emit(w, { id: c.id, updatedAt: c.at.toISOString() }))
  w.high = 0
  w.seen.clear()
  void pollIncidentChanges()
  w.timer = setInterval(() => void pollIncidentChanges(), POLL_INTERVAL_MS)
  // An open board must not keep the process alive at shutdown.
  w.timer.unref?.()
}

function stop(w: Watcher): void {
  if (w.timer) clearInterval(w.timer)
  w.unsubscribe?.()
  w.timer = null
  w.unsubscribe = null
}

/** Calls `handler` for every incident change, here or on another instance; returns the unsubscribe. */
export function watchIncidentChanges(handler: IncidentChangeHandler): () => void {
  const w = watcher()
  w.handlers.add(handler)
  if (w.handlers.size === 1) start(w)
  return () => {
    if (!w.handlers.delete(handler)) return
    if (w.handlers.size === 0) stop(w)
  }
}

export function incidentWatcherCount(): number {
  return watcher().handlers.size
}
