/**
 * API key use per key, client address and hour, counted in memory: accepted requests, and requests refused
 * because the key lacks the endpoint's scope. Counting only bumps numbers in nested maps, so the hot paths
 * (alert ingest, OFREP) write nothing per request; the security scan adds the counts to ApiKeyUsage in one
 * multi-row upsert before it evaluates its rules (as flag evaluation counts are flushed). Each instance
 * flushes its own counts additively; a failed flush puts them back.
 */
import { db } from '../db'

const HOUR_MS = 3_600_000
/** Distinct (key, address) pairs kept per hour; beyond it further new addresses count under OVERFLOW_ADDRESS. */
const MAX_PAIRS_PER_HOUR = 10_000
export const OVERFLOW_ADDRESS = 'other'

interface Tally {
  requests: number
  refused: number
  scopes: Set<string> | null
}
/** hour → key id → address → tally */
type Counts = Map<number, { pairs: number; byKey: Map<string, Map<string, Tally>> }>

const g = globalThis as unknown as { wardroomKeyUsage?: Counts }
let counts: Counts = (g.wardroomKeyUsage ??= new Map())

function tallyOf(apiKeyId: string, ip: string, now: number): Tally {
  const hour = Math.floor(now / HOUR_MS)
  let h = counts.get(hour)
  if (!h) counts.set(hour, (h = { pairs: 0, byKey: new Map() }))
  let byIp = h.byKey.get(apiKeyId)
  if (!byIp) h.byKey.set(apiKeyId, (byIp = new Map()))
  let t = byIp.get(ip)
  if (!t) {
    // A flood from many addresses must not grow memory without bound: the rest share one bucket.
    const address = h.pairs >= MAX_PAIRS_PER_HOUR ? OVERFLOW_ADDRESS : ip
    t = byIp.get(address)
    if (!t) {
      byIp.set(address, (t = { requests: 0, refused: 0, scopes: null }))
      h.pairs++
    }
  }
  return t
}

/** A request the key was accepted for. */
export function countApiKeyUse(apiKeyId: string, ip: string, now = Date.now(), n = 1): void {
  tallyOf(apiKeyId, ip, now).requests += n
}

/** A request refused because the key lacks `scope`. */
export function countApiKeyRefusal(apiKeyId: string, ip: string, scope: string, now = Date.now(), n = 1): void {
  const t = tallyOf(apiKeyId, ip, now)
  t.refused += n
  ;(t.scopes ??= new Set()).add(scope)
}

export interface UsageRow {
  apiKeyId: string
  ip: string
  hour: Date
  requests: number
  refused: number
  refusedScopes: string[]
}

/** Takes the pending counts, leaving empty maps for new requests. */
export function drainApiKeyUsage(): UsageRow[] {
  const taken = counts
  counts = g.wardroomKeyUsage = new Map()
  const rows: UsageRow[] = []
  for (const [hour, { byKey }] of taken) {
    for (const [apiKeyId, byIp] of byKey) {
      for (const [ip, t] of byIp) {
        rows.push({ apiKeyId, ip, hour: new Date(hour * HOUR_MS), requests: t.requests, refused: t.refused, refusedScopes: [...(t.scopes ?? [])] })
      }
    }
  }
  return rows
}

function restore(rows: UsageRow[]): void {
  for (const r of rows) {
    const t = tallyOf(r.apiKeyId, r.ip, r.hour.getTime())
    t.requests += r.requests
    t.refused += r.refused
    for (const s of r.refusedScopes) (t.scopes ??= new Set()).add(s)
  }
}

/** Adds pending counts to ApiKeyUsage; returns how many rows and requests were written. */
export async function flushApiKeyUsage(): Promise<{ rows: number; requests: number; refused: number }> {
  const rows = drainApiKeyUsage()
  if (rows.length === 0) return { rows: 0, requests: 0, refused: 0 }
  try {
    // Scopes travel as one comma-joined text per row (unnest cannot take an array of arrays of uneven length).
    await db.$executeRaw`
      INSERT INTO "ApiKeyUsage" ("apiKeyId", ip, hour, requests, refused, "refusedScopes")
      SELECT k, ip, h, r, f, CASE WHEN s = '' THEN ARRAY[]::text[] ELSE string_to_array(s, ',') END
      FROM unnest(${rows.map((r) => r.apiKeyId)}::uuid[], ${rows.map((r) => r.ip)}::text[], ${rows.map((r) => r.hour)}::timestamptz[],
                  ${rows.map((r) => r.requests)}::int[], ${rows.map((r) => r.refused)}::int[], ${rows.map((r) => r.refusedScopes.join(','))}::text[])
           AS u(k, ip, h, r, f, s)
      ON CONFLICT ("apiKeyId", ip, hour) DO UPDATE SET
        requests = "ApiKeyUsage".requests + EXCLUDED.requests,
        refused = "ApiKeyUsage".refused + EXCLUDED.refused,
        "refusedScopes" = ARRAY(SELECT DISTINCT unnest(coalesce("ApiKeyUsage"."refusedScopes", '{}') || EXCLUDED."refusedScopes"))`
  } catch (err) {
    restore(rows)
    throw err
  }
  return { rows: rows.length, requests: rows.reduce((a, r) => a + r.requests, 0), refused: rows.reduce((a, r) => a + r.refused, 0) }
}
