/**
 * Roadmap data for e2e/roadmap-gates.spec.ts in the e2e server's database: a feature item with every gate
 * open (`{ kind: 'item', title }`), a flag whose production rollout completed (`{ kind: 'flag' }`), or a
 * planned item with an effort in a quarter (`{ kind: 'planned', title, quarter, effort }`). Prints the
 * created record as JSON. `node --import tsx e2e/support/roadmap-fixture.ts '<json>'`.
 */
import { connectForTool } from '../../scripts/lib/database'

type Request = { kind: 'item'; title: string } | { kind: 'flag'; key: string } | { kind: 'planned'; title: string; quarter: string; effort: number }

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? '{}') as Request
  const conn = await connectForTool()
  const { db, closeDb } = await import('../../lib/db')
  try {
    if (req.kind === 'flag') {
      const { systemActor } = await import('../../lib/auth/actor')
      const { createFlag } = await import('../../lib/flags/commands/flags')
      const { FlagCreateInput } = await import('../../lib/flags/schema')
      const flag = await createFlag(systemActor('e2e'), FlagCreateInput.parse({ key: req.key, name: `Rollout of ${req.key}`, type: 'boolean', variants: [{ key: 'off', value: false }, { key: 'on', value: true }] }))
      await db.rolloutPlan.create({ data: { flagId: flag.id, environment: 'production', variant: 'on', stages: [25, 100], currentStage: 1, percentage: 100, status: 'completed' } })
      console.log(JSON.stringify(flag))
    } else {
      const top = await db.roadmapItem.findFirst({ orderBy: { rank: 'asc' }, select: { rank: true } })
      const item = await db.roadmapItem.create({
        data:
          req.kind === 'item'
            ? { title: req.title, stage: 'in_progress', pipeline: 'feature', rank: (top?.rank ?? 0) - 1, problem: 'Clinicians wait for the triage score.' }
            : { title: req.title, stage: 'planned', targetQuarter: req.quarter, effort: req.effort, rank: (top?.rank ?? 0) - 1 },
        select: { id: true, number: true },
      })
      console.log(JSON.stringify(item))
    }
  } finally {
    await closeDb()
    await conn.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
