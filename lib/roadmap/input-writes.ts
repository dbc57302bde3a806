/**
 * Writing scoring inputs inside a command's transaction: the columns, the recomputed scores (commands.ts
 * scoresOf, the same rounding as every other score write), the version bump and, when RICE moved, a
 * RoadmapItemEvent `score` (from/to as text) for the quarterly review. Callers lock the item first
 * (commands.ts loadForChange for a person's form at a version, lockItem for evidence) and audit their change.
 */
import type { Actor } from '../auth/actor'
import type { Tx } from '../tx'
import { recordItemEvent, scoresOf } from './commands'
import type { ScoringInput } from './evidence'

export interface InputRow {
  id: string
  number: number
  version: number
  effort: number | null
  riceScore: number | null
  clinicalScore: number | null
  reach: number | null
  impact: number | null
  confidence: number | null
  value: number | null
  risk: number | null
  patientSafety: number | null
  clinicalOutcome: number | null
  timeSaved: number | null
  evidenceStrength: number | null
}

/** Integer columns (the rest, impact, is a float). */
const asColumn = (input: ScoringInput, v: number | null) => (v === null || input === 'impact' ? v : Math.round(v))

export interface InputsWritten {
  version: number
  riceScore: number | null
  clinicalScore: number | null
  changes: Partial<Record<ScoringInput, { from: number | null; to: number | null }>>
}

const scoreText = (n: number | null) => (n === null ? null : String(n))

/** Sets the given inputs (those equal to the stored value are skipped); nothing is written when nothing changes. */
export async function writeInputs(tx: Tx, actor: Actor, row: InputRow, next: Partial<Record<ScoringInput, number | null>>, now: Date): Promise<InputsWritten> {
  const inputs: InputRow = { ...row }
  const changes: InputsWritten['changes'] = {}
  for (const k of Object.keys(next) as ScoringInput[]) {
    const to = asColumn(k, next[k] ?? null)
    if (to !== row[k]) {
      changes[k] = { from: row[k], to }
      inputs[k] = to
    }
  }
  if (Object.keys(changes).length === 0) return { version: row.version, riceScore: row.riceScore, clinicalScore: row.clinicalScore, changes }
  const scores = scoresOf(inputs)
  const data: Record<string, number | null> = { ...scores }
  for (const k of Object.keys(changes) as ScoringInput[]) data[k] = inputs[k]
  const updated = await tx.roadmapItem.update({ where: { id: row.id }, data: { ...data, version: { increment: 1 } }, select: { version: true } })
  if (scores.riceScore !== row.riceScore) await recordItemEvent(tx, actor, row.id, 'score', scoreText(row.riceScore), scoreText(scores.riceScore), now)
  return { version: updated.version, ...scores, changes }
}
