/**
 * Data for the roadmap-evidence journey in the e2e server's database (no page creates these yet):
 * `node --import tsx e2e/support/roadmap-evidence.ts '<json>'` with
 *   {"op":"setup","marker":"…"} → {itemId, itemNumber, feedbackId, feedbackNumber}: a roadmap item in Discovery
 *       (effort 2 person-weeks, impact 2, created through lib/roadmap's commands) and a clinician's bug report
 *   {"op":"widget","number":12} → {status, widget}: the feedback item's status and the widget's word for it
 *   {"op":"valueRisk","itemId":"…","value":8,"risk":3} → {ok}: sets the item's value and risk as a PM would
 */
import { connectForTool } from '../../scripts/lib/database'

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as { op: string; marker?: string; number?: number; itemId?: string; value?: number; risk?: number }
  const conn = await connectForTool()
  const { db, closeDb } = await import('../../lib/db')
  try {
    if (args.op === 'setup') {
      if (!args.marker || args.marker.length < 8) throw new Error('marker: at least 8 characters')
      const { systemActor } = await import('../../lib/auth/actor')
      const { createItem, setScoreInputs } = await import('../../lib/roadmap/commands')
      const actor = systemActor('e2e')
      const item = await createItem(actor, { title: `Faster discharge letters ${args.marker}`, stage: 'discovery', effort: 2 })
      await setScoreInputs(actor, { id: item.id, version: item.version, impact: 2 })
      // Written directly, not submitted: a submission could be merged into an earlier run's similar report.
      const text = `Discharge letter export stalls for minutes ${args.marker}`
      const fb = await db.feedbackItem.create({
        data: { type: 'bug', category: 'performance', priority: 'medium', priorityReason: 'e2e', source: 'in_app', description: text, dedupText: text.toLowerCase(), department: 'Cardiology', affectedDepartments: ['Cardiology'], slaDueAt: new Date(Date.now() + 86_400_000) },
      })
      console.log(JSON.stringify({ itemId: item.id, itemNumber: item.number, feedbackId: fb.id, feedbackNumber: fb.number }))
    } else if (args.op === 'widget') {
      const { widgetStatusOf } = await import('../../lib/feedback/widget-status')
      const fb = await db.feedbackItem.findUniqueOrThrow({ where: { number: Number(args.number) }, select: { status: true, parent: { select: { status: true } } } })
      console.log(JSON.stringify({ status: fb.status, widget: widgetStatusOf(fb.status, fb.parent?.status ?? null) }))
    } else if (args.op === 'valueRisk') {
      const { systemActor } = await import('../../lib/auth/actor')
      const { setScoreInputs } = await import('../../lib/roadmap/commands')
      const item = await db.roadmapItem.findUniqueOrThrow({ where: { id: String(args.itemId) }, select: { version: true } })
      await setScoreInputs(systemActor('e2e'), { id: args.itemId, version: item.version, value: args.value, risk: args.risk })
      console.log(JSON.stringify({ ok: true }))
    } else {
      throw new Error(`unknown op ${args.op}`)
    }
  } finally {
    await closeDb()
    await conn.close()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
