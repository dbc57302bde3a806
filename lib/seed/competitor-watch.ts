/**
 * The competitor watch's demo (lib/competitors/catalogue.ts): each competitor's public newsroom as a
 * watched source, and one illustrative pending change already recorded, so the review queue shows how
 * review works on a fresh install without network access. The sources have no snapshot: where the network
 * allows, their first real fetch is the baseline. Written once per database (marker setting).
 */
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { DEMO_WATCH_CHANGE, DEMO_WATCH_SOURCES } from '../competitors/catalogue'
import { changeExcerpt, describeDiff, textHash, type DiffSummary } from '../competitors/watch-text'
import { inTransaction } from '../tx'

const MARKER = 'competitors.watch.demo'
const DAY = 86_400_000

export async function seedCompetitorWatch(log: (m: string) => void = () => {}, now = new Date()): Promise<void> {
  const result = await inTransaction(async (tx) => {
    if (await tx.setting.findUnique({ where: { key: MARKER } })) return null
    await tx.setting.create({ data: { key: MARKER, value: { seededAt: now.toISOString() } } })
    let sources = 0
    let changes = 0
    for (const s of DEMO_WATCH_SOURCES) {
      const competitor = await tx.competitor.findUnique({ where: { key: s.product }, select: { id: true } })
      if (!competitor) continue
      const source = await tx.competitorWatchSource.upsert({
        where: { competitorId_url: { competitorId: competitor.id, url: s.url } },
        create: { competitorId: competitor.id, url: s.url, kind: s.kind, label: s.label, createdBy: 'demo seed' },
        update: {},
      })
      sources++
      if (s.product !== DEMO_WATCH_CHANGE.product) continue
      const { added, removed } = DEMO_WATCH_CHANGE
      const diff: DiffSummary = { added, removed, addedCount: added.length, removedCount: removed.length, truncated: false }
      await tx.competitorWatchChange.create({
        data: {
          sourceId: source.id,
          competitorId: competitor.id,
          detectedAt: new Date(now.getTime() - DEMO_WATCH_CHANGE.daysAgo * DAY),
          summary: describeDiff(diff, 'page'),
          diff: { ...diff },
          excerpt: changeExcerpt(diff),
          hash: textHash(added.join('\n')),
        },
      })
      changes++
    }
    await recordAudit(SYSTEM_ACTOR, { action: 'competitor.watch.seed', targetType: 'competitor_watch_source', summary: { sources, changes } }, tx)
    return { sources, changes }
  })
  log(result ? `competitor watch: ${result.sources} watched sources, ${result.changes} illustrative change waiting for review` : 'competitor watch: demo already there')
}
