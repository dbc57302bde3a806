/**
 * Writing scoring inputs inside a command's transaction: the columns, the recomputed scores, the version
 * bump and, when RICE moved, a RoadmapItemEvent `score` (from/to as text) for the quarterly review.
 * Callers audit their own change.
 */
import type { Actor } from '../auth/actor'
import { conflict, notFound } from '../errors'
import type { Tx } from '../tx'
import { SCORING_INPUTS, type ScoringInput } from './evidence'
import { riceText, scoresOf, type ItemInputs } from './item-scores'

export const INPUT_SELECT = {
  id: true,
  number: true,
  version: true,
  stage: true,
  effort: true,
  riceScore: true,
  clinicalScore: true,
  reach: true,
  impact: true,
  confidence: true,
  value: true,
  risk: true,
  patientSafety: true,
  clinicalOutcome: true,
  timeSaved: true,
  evidenceStrength: true,
} as const

export type InputRow = { id: string; number: number; version: number; riceScore: number | null; clinicalScore: number | null } & ItemInputs

export async function readInputs(tx: Tx, itemId: string): Promise<InputRow> {
  const row = await tx.roadmapItem.findUnique({ where: { id: itemId }, select: INPUT_SELECT })
  if (!row) throw notFound('That roadmap item does not exist')
  return row
}

export const inputsOf = (row: InputRow): ItemInputs => {
  const out = { effort: row.effort } as ItemInputs
  for (const k of SCORING_INPUTS) out[k] = row[k]
  return out
}

/** Integer columns (the rest, impact, is a float). */
const asColumn = (input: ScoringInput, v: number | null) => (v === null || input === 'impact' ? v : Math.round(v))

export interface InputsWritten {
  version: number
  riceScore: number | null
  clinicalScore: number | null
  changes: Partial<Record<ScoringInput, { from: number | null; to: number | null }>>
}

/**
 * Sets the given inputs (those equal to the stored value are skipped). Nothing is written when nothing
 * changes. `expectedVersion` guards a person's form against a change they did not see (409).
 */
export async function writeInputs(tx: Tx, actor: Actor, row: InputRow, next: Partial<Record<ScoringInput, number | null>>, expectedVersion?: number): Promise<InputsWritten> {
  const inputs = inputsOf(row)
  const changes: InputsWritten['changes'] = {}
  for (const k of Object.keys(next) as ScoringInput[]) {
    const to = asColumn(k, next[k] ?? null)
    if (to !== inputs[k]) {
      changes[k] = { from: inputs[k], to }
      inputs[k] = to
    }
  }
  if (Object.keys(changes).length === 0) return { version: row.version, riceScore: row.riceScore, clinicalScore: row.clinicalScore, changes }
  const scores = scoresOf(inputs)
  const data: Record<string, number | null> = { ...scores }
  for (const k of Object.keys(changes) as ScoringInput[]) data[k] = inputs[k]
  const version = expectedVersion ?? row.version
  const updated = await tx.roadmapItem.updateMany({ where: { id: row.id, version }, data: { ...data, version: { increment: 1 } } })
  if (updated.count === 0) throw conflict(`RM-${row.number} changed since you opened it: reload to see the other change, then try again`, { version: ['Out of date'] })
  if (riceText(scores.riceScore) !== riceText(row.riceScore)) {
    await tx.roadmapItemEvent.create({ data: { itemId: row.id, kind: 'score', from: riceText(row.riceScore), to: riceText(scores.riceScore), byId: actor.type === 'user' ? actor.id : null, by: actor.label } })
  }
  return { version: version + 1, ...scores, changes }
}
