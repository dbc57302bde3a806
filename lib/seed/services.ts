/**
 * The demo's service catalogue: owner teams, tiers, runbooks and dependencies of the services the incident
 * seed created (lib/seed/incident-stories.ts). Idempotent: a service already catalogued (an owner team
 * set, by the seed or by a person) is left as it is; dependency edges are added once.
 */
import { db } from '../db'
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { inTransaction } from '../tx'
import type { Tier } from '../services/schema'

const RUNBOOKS = 'https://wiki.st-aldhelms.example/clinical-ai/runbooks'

export const SEED_CATALOGUE: { key: string; ownerTeam: string; tier: Tier; runbook: string; dependsOn: string[] }[] = [
  { key: 'ehr-bridge', ownerTeam: 'Integration engineering', tier: 1, runbook: 'ehr-bridge', dependsOn: [] },
  { key: 'ai-engine', ownerTeam: 'Clinical AI platform', tier: 1, runbook: 'ai-engine', dependsOn: [] },
  { key: 'triage-api', ownerTeam: 'Emergency care apps', tier: 1, runbook: 'triage-api', dependsOn: ['ai-engine', 'ehr-bridge'] },
  { key: 'med-review', ownerTeam: 'Pharmacy informatics', tier: 2, runbook: 'med-review', dependsOn: ['ehr-bridge'] },
  { key: 'imaging-ai', ownerTeam: 'Clinical AI platform', tier: 2, runbook: 'imaging-ai', dependsOn: ['ai-engine', 'ehr-bridge'] },
]

export async function seedServiceCatalogue(log: (m: string) => void): Promise<void> {
  const services = new Map((await db.service.findMany({ where: { key: { in: SEED_CATALOGUE.map((s) => s.key) } } })).map((s) => [s.key, s]))
  let catalogued = 0
  for (const entry of SEED_CATALOGUE) {
    const service = services.get(entry.key)
    if (!service || service.ownerTeam) continue
    await inTransaction(async (tx) => {
      await tx.service.update({
        where: { id: service.id },
        data: { ownerTeam: entry.ownerTeam, tier: entry.tier, runbookUrl: `${RUNBOOKS}/${entry.runbook}` },
      })
      const targets = entry.dependsOn.map((k) => services.get(k)?.id).filter((id): id is string => Boolean(id))
      await tx.serviceDependency.createMany({ data: targets.map((dependsOnId) => ({ serviceId: service.id, dependsOnId })), skipDuplicates: true })
      await recordAudit(
        SYSTEM_ACTOR,
        { action: 'service.update', targetType: 'service', targetId: service.id, summary: { key: entry.key, tier: entry.tier, dependsOn: entry.dependsOn, source: 'demo seed' } },
        tx,
      )
    })
    catalogued += 1
  }
  log(`service catalogue: ${catalogued} of ${SEED_CATALOGUE.length} demo services catalogued`)
}
