/**
 * Every 15 minutes: each high competitor threat gets a roadmap item ("Close the gap: …" in Ideas), and an
 * item whose threat changed is raised to the top of its column with its evidence applied again
 * (lib/roadmap/threat-items.ts does the work; nothing is written when nothing changed).
 */
import { systemActor } from '../auth/actor'
import { syncThreatItems } from '../roadmap/threat-items'
import { JobFailure, type JobDefinition } from './types'

export const roadmapThreats: JobDefinition = {
  name: 'roadmap-threats',
  schedule: '*/15 * * * *',
  description: 'Creates a roadmap item for each high competitor threat without one, and raises an item to the top of its column when its threat changed, applying the evidence again.',
  async run({ now, signal }) {
    const r = await syncThreatItems(systemActor('roadmap-threats'), now, signal)
    const summary = { threats: r.threats, created: r.created.length, raised: r.raised.length, rescored: r.rescored.length, items: [...r.created, ...r.raised].slice(0, 50).map((n) => `RM-${n}`), failed: r.failed.slice(0, 20) }
    if (r.failed.length > 0) throw new JobFailure(`${r.failed.length} of ${r.threats} high threats could not be handled; the others were, and the next run tries again`, summary)
    return summary
  },
}
