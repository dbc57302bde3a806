/** SLO test data with unique keys and services, so tests sharing one database never see each other's SLOs. */
import { db, getPool } from '@/lib/db'
import type { Slo } from '@/lib/generated/prisma/client'
import { SloDefinition, type SloDefinitionInput } from '@/lib/slo/schema'
import { uid } from './factories'

export async function createSlo(overrides: Partial<SloDefinitionInput> = {}): Promise<Slo> {
  const key = overrides.key ?? uid('slo').replace(/-/g, '_')
  const def = SloDefinition.parse({
    name: `Test ${key}`,
    sli: 'patient_response_time',
    sliType: 'threshold',
    threshold: 2000,
    comparator: 'lte',
    service: uid('svc'),
    target: 0.99,
    minEvents: 10,
    ...overrides,
    key,
  })
  return db.slo.create({ data: def })
}

/** Writes rollup rows directly: [minute, good, total]. */
export async function insertRollups(sloId: string, rows: [Date, number, number][]): Promise<void> {
  if (rows.length === 0) return
  await getPool().query(
    `INSERT INTO "SloRollup" ("sloId", minute, good, total)
     SELECT $1::uuid, m, g, t FROM unnest($2::timestamptz[], $3::bigint[], $4::bigint[]) AS x(m, g, t)`,
    [sloId, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  )
}

/** Per-minute rows over [from, to) with the same counts each minute. */
export function minutes(from: Date, to: Date, good: number, total: number): [Date, number, number][] {
  const out: [Date, number, number][] = []
  for (let t = Math.floor(from.getTime() / 60_000) * 60_000; t < to.getTime(); t += 60_000) out.push([new Date(t), good, total])
  return out
}
