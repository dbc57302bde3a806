/**
 * Recovery objectives against what was measured (pure). RPO: how much data a restore now would lose, i.e.
 * the age of the newest backup. RTO: how long a restore takes, as the last drill measured it (checksum,
 * restore and verification, start to finish). Status words are the product's: ok / at risk / breached;
 * `null` when nothing was measured yet, never a made-up figure.
 */
export type ObjectiveStatus = 'ok' | 'at_risk' | 'breached'

/** An hourly job's backup lands a little after the hour it started; this much over the RPO is "at risk", more is breached. */
export const RPO_GRACE_MS = 15 * 60_000
/** A restore that uses more than this share of the RTO leaves too little room for the rest of a recovery. */
export const RTO_AT_RISK_SHARE = 0.8

export interface Evaluation {
  status: ObjectiveStatus | null
  /** The measured figure (ms), or null. */
  measuredMs: number | null
  targetMs: number
}

/** RPO evidence: the newest backup's age now. */
export function evaluateRpo(newestBackupAt: Date | null, now: Date, targetMs: number, graceMs: number = RPO_GRACE_MS): Evaluation {
  if (!newestBackupAt) return { status: null, measuredMs: null, targetMs }
  const age = Math.max(0, now.getTime() - newestBackupAt.getTime())
  const status: ObjectiveStatus = age <= targetMs ? 'ok' : age <= targetMs + graceMs ? 'at_risk' : 'breached'
  return { status, measuredMs: age, targetMs }
}

/** RTO evidence: the last drill's measured restore time. */
export function evaluateRto(measuredMs: number | null, targetMs: number): Evaluation {
  if (measuredMs === null) return { status: null, measuredMs: null, targetMs }
  const status: ObjectiveStatus = measuredMs <= targetMs * RTO_AT_RISK_SHARE ? 'ok' : measuredMs <= targetMs ? 'at_risk' : 'breached'
  return { status, measuredMs, targetMs }
}

/**
 * A missed backup: the newest backup is older than the RPO allows (with the grace), so a restore now would
 * lose more than the objective. Null when nothing is missed or there is no backup at all yet (a fresh
 * install is not an outage: its first run makes one).
 */
export function missedBackup(newestBackupAt: Date | null, now: Date, rpoMs: number, graceMs: number = RPO_GRACE_MS): { ageMs: number } | null {
  const rpo = evaluateRpo(newestBackupAt, now, rpoMs, graceMs)
  return rpo.status === 'breached' ? { ageMs: rpo.measuredMs! } : null
}

/**
 * A drill that finds no backup at all is a failure, except on an install younger than the RPO (and its
 * grace): its first backup is not due yet. (A scheduler that fires the drill and the first backup at the
 * same moment must not open an incident on day one; an old install with no backup must.)
 */
export function nothingToDrillYet(installedAt: Date | null, now: Date, rpoMs: number, graceMs: number = RPO_GRACE_MS): boolean {
  return installedAt !== null && now.getTime() - installedAt.getTime() <= rpoMs + graceMs
}
