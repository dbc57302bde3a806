/** The release checklist of an item as its panel shows it. Callers have checked roadmap:read. */
import 'server-only'
import { db } from '../db'
import { loadGateStates, type GateSubject } from './gates'
import type { ChecklistGate, GateChecklist } from './gate-summary'
import { GATE_LABELS } from './pipelines'

export async function loadGateChecklist(item: GateSubject): Promise<GateChecklist> {
  const [states, checks, flag, flags] = await Promise.all([
    loadGateStates(db, item),
    db.roadmapGateCheck.findMany({ where: { itemId: item.id } }),
    item.flagKey
      ? db.flag.findUnique({
          where: { key: item.flagKey },
          select: { key: true, name: true, rollouts: { where: { environment: 'production' }, orderBy: { startedAt: 'desc' }, take: 1, select: { status: true, percentage: true, startedAt: true } } },
        })
      : Promise.resolve(null),
    db.flag.findMany({ where: { lifecycle: { not: 'archived' } }, orderBy: { key: 'asc' }, take: 500, select: { key: true, name: true } }),
  ])
  const byGate = new Map(checks.map((c) => [c.gate, c]))
  const gates: ChecklistGate[] = states.map((s) => {
    const c = byGate.get(s.gate)
    return {
      ...s,
      label: GATE_LABELS[s.gate].label,
      help: GATE_LABELS[s.gate].help,
      check: c && !s.automatic ? { done: c.done, doneBy: c.doneBy, doneAt: c.doneAt?.toISOString() ?? null, evidenceUrl: c.evidenceUrl, note: c.note } : null,
    }
  })
  const rollout = flag?.rollouts[0]
  return {
    gates,
    flag: item.flagKey
      ? { key: item.flagKey, name: flag?.name ?? null, exists: flag !== null, rollout: rollout ? { status: rollout.status, percentage: rollout.percentage, startedAt: rollout.startedAt.toISOString() } : null }
      : null,
    flagOptions: flags,
  }
}
