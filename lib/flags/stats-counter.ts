/**
 * In-memory evaluation counters per hour, environment, flag and variant. Evaluation only bumps a number
 * in nested maps (no string building, no allocation once warm); the job `flag-eval-flush` adds the counts
 * to FlagEvaluationCount every minute in one multi-row upsert, so counting costs no database round trip
 * per request. Each instance flushes its own counts additively. A failed flush puts the counts back.
 */
import { db } from '../db'

const HOUR_MS = 3_600_000

type Counts = Map<number, Map<string, Map<string, Map<string, number>>>>
const g = globalThis as unknown as { wardroomFlagCounts?: Counts }
let counts: Counts = (g.wardroomFlagCounts ??= new Map())

// The current hour's map is kept at hand: evaluation rarely crosses an hour boundary.
let currentHour = -1
let currentMap: Map<string, Map<string, Map<string, number>>> | null = null

function hourMap(hour: number) {
  if (hour === currentHour && currentMap) return currentMap
  let m = counts.get(hour)
  if (!m) counts.set(hour, (m = new Map()))
  currentHour = hour
  currentMap = m
  return m
}

export function countEvaluation(environment: string, flagKey: string, variant: string, now = Date.now(), n = 1): void {
  const byEnv = hourMap(Math.floor(now / HOUR_MS))
  let byFlag = byEnv.get(environment)
  if (!byFlag) byEnv.set(environment, (byFlag = new Map()))
  let byVariant = byFlag.get(flagKey)
  if (!byVariant) byFlag.set(flagKey, (byVariant = new Map()))
  byVariant.set(variant, (byVariant.get(variant) ?? 0) + n)
}

export interface CountRow {
  hour: Date
  environment: string
  flagKey: string
  variant: string
  count: number
}

/** Takes the pending counts, leaving empty maps for new evaluations. */
export function drainCounts(): CountRow[] {
  const taken = counts
  counts = g.wardroomFlagCounts = new Map()
  currentHour = -1
  currentMap = null
  const rows: CountRow[] = []
  for (const [hour, byEnv] of taken) {
    for (const [environment, byFlag] of byEnv) {
      for (const [flagKey, byVariant] of byFlag) {
        for (const [variant, count] of byVariant) rows.push({ hour: new Date(hour * HOUR_MS), environment, flagKey, variant, count })
      }
    }
  }
  return rows
}

function restore(rows: CountRow[]): void {
  for (const r of rows) countEvaluation(r.environment, r.flagKey, r.variant, r.hour.getTime(), r.count)
}

/** Adds pending counts to FlagEvaluationCount; returns how many rows and evaluations were written. */
export async function flushEvaluationCounts(): Promise<{ rows: number; evaluations: number }> {
  const rows = drainCounts()
  if (rows.length === 0) return { rows: 0, evaluations: 0 }
  try {
    await db.$executeRaw`
      INSERT INTO "FlagEvaluationCount" ("flagKey", environment, variant, hour, count)
      SELECT * FROM unnest(
        ${rows.map((r) => r.flagKey)}::text[], ${rows.map((r) => r.environment)}::text[], ${rows.map((r) => r.variant)}::text[],
        ${rows.map((r) => r.hour)}::timestamptz[], ${rows.map((r) => BigInt(r.count))}::bigint[])
      ON CONFLICT ("flagKey", environment, variant, hour) DO UPDATE SET count = "FlagEvaluationCount".count + EXCLUDED.count`
  } catch (err) {
    restore(rows)
    throw err
  }
  return { rows: rows.length, evaluations: rows.reduce((a, r) => a + r.count, 0) }
}
