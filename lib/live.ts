/**
 * The live change channel of incidents inside one process, a shared room: whoever changes an incident
 * (incident commands and ingest, the escalation runner, notification delivery writing its outcome on the
 * timeline) calls `publishIncidentChange` after its transaction commits; the SSE route
 * (app/api/incidents/stream, through lib/incidents/live-watch.ts) subscribes. It imports no area, so any
 * area may publish without importing incidents. Other instances of Wardroom see the change because that
 * route also polls max(Incident.updatedAt) every second.
 */
import { EventEmitter } from 'node:events'

export interface IncidentChange {
  id: string
  at: Date
}

export type IncidentChangeListener = (change: IncidentChange) => void

const EVENT = 'incident'

interface LiveGlobals {
  wardroomIncidentEmitter?: EventEmitter
}
// `next dev` evaluates modules several times; one emitter per process keeps publishers and subscribers together.
const g = globalThis as unknown as LiveGlobals

function emitter(): EventEmitter {
  if (!g.wardroomIncidentEmitter) {
    const e = new EventEmitter()
    // One listener per open board tab; many tabs are normal, not a leak.
    e.setMaxListeners(0)
    g.wardroomIncidentEmitter = e
  }
  return g.wardroomIncidentEmitter
}

/** Tells open boards in this process that an incident changed. Never throws: a listener's fault must not undo a commit. */
export function publishIncidentChange(incidentId: string): void {
  const change: IncidentChange = { id: incidentId, at: new Date() }
  for (const listener of emitter().listeners(EVENT) as IncidentChangeListener[]) {
    try {
      listener(change)
    } catch {
      // A broken subscriber (e.g. a closed stream) is its own problem; the others still hear about it.
    }
  }
}

/** Subscribes to incident changes in this process; returns the unsubscribe function. */
export function subscribeIncidentChanges(listener: IncidentChangeListener): () => void {
  emitter().on(EVENT, listener)
  return () => {
    emitter().off(EVENT, listener)
  }
}

/** How many subscribers are listening (for tests and a gauge). */
export function incidentSubscriberCount(): number {
  return emitter().listenerCount(EVENT)
}
