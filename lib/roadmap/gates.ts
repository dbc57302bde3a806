/**
 * Release gates read from the database: the item's ticked checks and its linked flag's production rollout.
 * The move command (lib/roadmap/commands.ts) calls `assertReleasable` inside its transaction, so an item
 * cannot reach "released" while a gate is open, whichever path moved it.
 */
import { ApiError } from '../errors'
import type { Tx } from '../tx'
import type { Pathway, Pipeline } from './model'
import { gateStates, openGateLabels, type GateState } from './pipelines'

export interface GateSubject {
  id: string
  pipeline: Pipeline
  regulatoryPathway: string
  flagKey: string | null
}

export async function loadGateStates(tx: Tx, item: GateSubject): Promise<GateState[]> {
  const [checks, flag] = await Promise.all([
    tx.roadmapGateCheck.findMany({ where: { itemId: item.id, done: true }, select: { gate: true } }),
    item.flagKey
      ? tx.flag.findUnique({
          where: { key: item.flagKey },
          select: { key: true, rollouts: { where: { environment: 'production', status: 'completed' }, select: { id: true }, take: 1 } },
        })
      : Promise.resolve(null),
  ])
  return gateStates(item.pipeline, item.regulatoryPathway as Pathway, {
    ticked: new Set(checks.map((c) => c.gate)),
    flag: item.flagKey ? { key: item.flagKey, rolloutCompleted: (flag?.rollouts.length ?? 0) > 0 } : null,
  })
}

/** Throws 422 `gates_open` naming every open gate. */
export async function assertReleasable(tx: Tx, item: GateSubject): Promise<void> {
  const open = openGateLabels(await loadGateStates(tx, item))
  if (open.length > 0) {
    throw new ApiError(422, 'gates_open', `This item cannot be released until its gates are complete: ${open.join(', ')}.`, { stage: open.map((g) => `Open gate: ${g}`) })
  }
}
