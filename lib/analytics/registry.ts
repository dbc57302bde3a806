/**
 * The event schema registry as ingest reads it: every AnalyticsEventType row, cached per process for a few
 * seconds (ingest reads it per batch).
 *
 * Invalidation: a registration in this process clears the cache (event-types.ts), so the next batch
 * here reloads; other instances reload when their copy expires, within REGISTRY_CACHE_MS. The cache lives
 * on globalThis like the API-key cache (lib/auth/api-keys.ts) and the flag snapshot: Next may evaluate a
 * module more than once in one process (its server layers, `next dev`), and a module-level cache cleared
 * by the page's server action could leave the ingest route's copy stale. Cross-instance, a
 * 10-second expiry is enough here (unlike flags, which poll a change token each second): the table is
 * small, and an event whose properties arrive before the registration reaches an instance is stored as
 * the quarantine stores it, which the registry page says.
 */
import { db } from '../db'
import type { EventTypeRule, PropertyType, Registry } from './normalize'

export const REGISTRY_CACHE_MS = 10_000
const PROPERTY_TYPES = new Set<PropertyType>(['string', 'number', 'boolean'])

const g = globalThis as unknown as { wardroomAnalyticsRegistry?: { registry: Registry; until: number } | null }

/** A stored `properties` value as rules (anything malformed is ignored rather than trusted). */
export function propertyRules(value: unknown): Record<string, PropertyType> {
  const out: Record<string, PropertyType> = {}
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (PROPERTY_TYPES.has(v as PropertyType)) out[k] = v as PropertyType
  }
  return out
}

/** The registry when this process read it less than REGISTRY_CACHE_MS ago, else null: no await needed. */
export function cachedRegistry(now = Date.now()): Registry | null {
  const cached = g.wardroomAnalyticsRegistry
  return cached && cached.until > now ? cached.registry : null
}

export async function loadRegistry(now = Date.now()): Promise<Registry> {
  const fresh = cachedRegistry(now)
  if (fresh) return fresh
  const rows = await db.analyticsEventType.findMany({ select: { name: true, status: true, properties: true } })
  const registry = new Map<string, EventTypeRule>(
    rows.map((r) => [r.name, { status: r.status === 'registered' ? 'registered' : 'quarantined', properties: propertyRules(r.properties) }]),
  )
  g.wardroomAnalyticsRegistry = { registry, until: now + REGISTRY_CACHE_MS }
  return registry
}

export function clearRegistryCache(): void {
  g.wardroomAnalyticsRegistry = null
}
