/**
 * The competitor matrix demo (lib/competitors/catalogue.ts): our platform and the guide's four, the
 * capability taxonomy, every cell with dated, illustrative evidence (recent upgrades as news), prices and
 * SWOT items, then the roadmap links of the capabilities whose threat is high. Written once per database
 * (marker: Setting "competitors.demo"); products and capabilities are created when missing, never changed.
 */
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { systemActor } from '../auth/actor'
import { inTransaction } from '../tx'
import { DEMO_CAPABILITIES, DEMO_PRICES, DEMO_PRODUCTS, DEMO_SWOT, DEMO_UPGRADES, demoEvidenceDaysAgo, STATUS_CODE } from '../competitors/catalogue'
import { recordThreatLink } from '../competitors/commands'
import { getThreatSettings } from '../competitors/settings'

const MARKER = 'competitors.demo'
const DAY = 86_400_000
const ILLUSTRATIVE = 'Illustrative demo evidence, not research.'

export async function seedCompetitors(log: (m: string) => void = () => {}, now = new Date()): Promise<void> {
  const settings = await getThreatSettings()
  const result = await inTransaction(async (tx) => {
    const marked = await tx.setting.findUnique({ where: { key: MARKER } })
    if (marked) return null
    await tx.setting.create({ data: { key: MARKER, value: { seededAt: now.toISOString() } } })
    const products = new Map<string, string>()
    for (const p of DEMO_PRODUCTS) {
      const row = await tx.competitor.upsert({
        where: { key: p.key },
        create: { key: p.key, name: p.name, segment: p.segment, position: p.position, website: p.website, notes: p.notes, isUs: p.isUs ?? false, marketOverlap: p.marketOverlap },
        update: {},
      })
      products.set(p.key, row.id)
    }
    const capabilities = new Map<string, string>()
    for (const [i, c] of DEMO_CAPABILITIES.entries()) {
      const row = await tx.capability.upsert({ where: { key: c.key }, create: { key: c.key, name: c.name, group: c.group, weight: c.weight, description: c.description, sortOrder: i }, update: {} })
      capabilities.set(c.key, row.id)
    }
    const evidenceOf = new Map<string, string>()
    let evidence = 0
    for (const c of DEMO_CAPABILITIES) {
      for (const [i, p] of DEMO_PRODUCTS.entries()) {
        const status = STATUS_CODE[c.cells[i]!]!
        const competitorId = products.get(p.key)!
        const capabilityId = capabilities.get(c.key)!
        const upgrade = DEMO_UPGRADES.find(([pk, ck]) => pk === p.key && ck === c.key)
        const at = new Date(now.getTime() - (upgrade ? upgrade[4] : demoEvidenceDaysAgo(p.key, c.key)) * DAY)
        if (status === 'unknown') continue
        const base = { competitorId, capabilityId, kind: 'cell', recordedBy: 'demo seed', recordedAt: now }
        if (upgrade) {
          await tx.competitorEvidence.create({
            data: { ...base, status: upgrade[2], previous: 'unknown', confidence: 'medium', sourceUrl: p.website, sourceTitle: 'Product page', observedAt: new Date(at.getTime() - 240 * DAY), note: ILLUSTRATIVE },
          })
          evidence++
        }
        const row = await tx.competitorEvidence.create({
          data: {
            ...base,
            status,
            previous: upgrade ? upgrade[2] : 'unknown',
            confidence: p.isUs ? 'high' : upgrade ? 'high' : 'medium',
            sourceUrl: p.website,
            sourceTitle: upgrade ? upgrade[5] : p.isUs ? 'Our release notes' : 'Product page',
            observedAt: at,
            note: ILLUSTRATIVE,
          },
        })
        evidence++
        evidenceOf.set(`${p.key}:${c.key}`, row.id)
        await tx.capabilityCell.create({ data: { competitorId, capabilityId, status, confidence: p.isUs || upgrade ? 'high' : 'medium', evidenceAt: at, version: 1 } })
      }
    }
    for (const [key, prices] of Object.entries(DEMO_PRICES)) {
      for (const pr of prices) {
        await tx.competitorPrice.create({
          data: { competitorId: products.get(key)!, product: pr.product, model: pr.model, low: pr.low, high: pr.high, observedAt: new Date(now.getTime() - pr.daysAgo * DAY), confidence: pr.confidence, note: `${pr.label}. ${ILLUSTRATIVE}` },
        })
      }
    }
    for (const [key, items] of Object.entries(DEMO_SWOT)) {
      for (const [i, [quadrant, text]] of items.entries()) {
        const linked = quadrant === 'threat' && key === 'epic_systems' ? evidenceOf.get('epic_systems:ambient_documentation') : undefined
        await tx.swotItem.create({ data: { competitorId: products.get(key)!, quadrant, text, sortOrder: i, evidenceId: linked ?? null } })
      }
    }
    let links = 0
    for (const id of capabilities.values()) if (await recordThreatLink(tx, systemActor('demo seed'), id, settings, now)) links++
    await recordAudit(SYSTEM_ACTOR, { action: 'competitor.seed', targetType: 'competitor', summary: { products: products.size, capabilities: capabilities.size, evidence, links }, count: evidence }, tx)
    return { products: products.size, capabilities: capabilities.size, evidence, links }
  })
  log(result ? `competitors: ${result.products} products, ${result.capabilities} capabilities, ${result.evidence} pieces of evidence, ${result.links} roadmap links` : 'competitors: demo already there')
}
