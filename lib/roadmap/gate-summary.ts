/** The release checklist's shape and its one-line summary (client-safe, pure). */
import type { GateState } from './pipelines'

export interface ChecklistGate extends GateState {
  label: string
  help: string
  /** The person's tick, for gates a person answers for; null when never ticked (or automatic). */
  check: { done: boolean; doneBy: string | null; doneAt: string | null; evidenceUrl: string | null; note: string } | null
}

export interface LinkedFlag {
  key: string
  name: string | null
  /** False when the linked key no longer names a flag. */
  exists: boolean
  /** The latest production rollout, if any. */
  rollout: { status: string; percentage: number; startedAt: string } | null
}

export interface GateChecklist {
  gates: ChecklistGate[]
  flag: LinkedFlag | null
  /** Flags that may be linked (key and name), for the link form's suggestions. */
  flagOptions: { key: string; name: string }[]
}

/** "3 of 5 gates complete — release is blocked by: Security review, Feature flag rollout completed." */
export function gateSummary(gates: readonly Pick<ChecklistGate, 'done' | 'label'>[]): { complete: boolean; text: string } {
  const done = gates.filter((g) => g.done).length
  const open = gates.filter((g) => !g.done).map((g) => g.label)
  const noun = gates.length === 1 ? 'gate' : 'gates'
  if (open.length === 0) return { complete: true, text: `All ${gates.length} ${noun} complete — the item may be released.` }
  return { complete: false, text: `${done} of ${gates.length} ${noun} complete — release is blocked by: ${open.join(', ')}.` }
}

const ROLLOUT_WORDS: Record<string, string> = { running: 'running', paused: 'paused', completed: 'completed', rolled_back: 'rolled back' }

/** "Production rollout completed at 100 %" / "No production rollout yet". */
export function rolloutWords(flag: LinkedFlag): string {
  if (!flag.exists) return `No flag has the key ${flag.key} any more; link another one`
  if (!flag.rollout) return 'No production rollout yet'
  return `Production rollout ${ROLLOUT_WORDS[flag.rollout.status] ?? flag.rollout.status} at ${flag.rollout.percentage} %`
}
