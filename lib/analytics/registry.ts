/**
 * The event schema registry as ingest reads it: every AnalyticsEventType row, cached per process for a few
 * seconds (ingest reads it per batch; a registration takes effect within REGISTRY_CACHE_MS everywhere).
 */
import { db } from '../db'
import type { EventTypeRule, PropertyType, Registry } from './normalize'

const REGISTRY_CACHE_MS = 10_000
const PROPERTY_TYPES = new Set<PropertyType>(['string', 'number', 'boolean'])

let cached: { registry: Registry; until: number } | null = null

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
  return cached && cached.until > now ? cached.registry : null
}

export async function loadRegistry(now = Date.now()): Promise<Registry> {
  const fresh = cachedRegistry(now)
  if (fresh) return fresh
  const rows = await db.analyticsEventType.findMany({ select: { name: true, status: true, properties: true } })
  const registry = new Map<string, EventTypeRule>(
    rows.map((r) => [r.name, { status: r.status === 'registered' ? 'registered' : 'quarantined', properties: propertyRules(r.properties) }]),
  )
  cached = { registry, until: now + REGISTRY_CACHE_MS }
  return registry
}

export function clearRegistryCache(): void {
  cached = null
}
