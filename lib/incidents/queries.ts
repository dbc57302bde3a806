/** Reads the ingest paths need. The board's and incident page's reads live with them (board-queries.ts). */
import 'server-only'
import { db } from '../db'
import { ServiceKey } from './schema'

/** The first of the candidate names that is a known service key (PagerDuty: component, group, source). */
export async function matchServiceKey(candidates: (string | null | undefined)[]): Promise<string | null> {
  const keys = candidates.map((c) => ServiceKey.safeParse(c ?? '')).flatMap((r) => (r.success && r.data ? [r.data] : []))
  if (keys.length === 0) return null
  const found = new Set((await db.service.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((s) => s.key))
  return keys.find((k) => found.has(k)) ?? null
}

/** The open incident of a dedup key, if any. */
export function findOpenIncidentByKey(dedupKey: string) {
  return db.incident.findFirst({ where: { dedupKey, status: { not: 'resolved' } }, orderBy: { triggeredAt: 'desc' } })
}

/** Services with their workflows, for filters and pickers. */
export function listServices() {
  return db.service.findMany({ orderBy: { name: 'asc' }, select: { id: true, key: true, name: true, workflows: true, autoResolve: true } })
}
