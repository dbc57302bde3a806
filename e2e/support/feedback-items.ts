/**
 * Reads and moves the e2e server's feedback items for the widget journey (no triage page exists to do it
 * through): `node --import tsx e2e/support/feedback-items.ts '<json>'` with
 *   {"op":"find","marker":"…"}                 → {"items":[{id,number,status,reporterKey,source,screenshotBytes}]} (description contains marker)
 *   {"op":"status","number":12,"status":"planned"} → sets it through lib/feedback's command, as a triager would
 *   {"op":"siteKey","origin":"http://…","screenshots":true} → {"publicId"}: a site key made through the
 *     commands (journeys that are not about the admin page: the admin journey is in feedback-widget.spec.ts)
 */
import { connectForTool } from '../../scripts/lib/database'

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as { op: string; marker?: string; number?: number; status?: string; origin?: string; screenshots?: boolean }
  const conn = await connectForTool()
  const { db, closeDb } = await import('../../lib/db')
  try {
    if (args.op === 'find') {
      if (!args.marker || args.marker.length < 8) throw new Error('marker: at least 8 characters')
      const items = await db.feedbackItem.findMany({
        where: { description: { contains: args.marker } },
        select: { id: true, number: true, status: true, reporterKey: true, source: true, screenshot: { select: { sizeBytes: true } } },
        orderBy: { number: 'asc' },
      })
      console.log(JSON.stringify({ items: items.map(({ screenshot, ...i }) => ({ ...i, screenshotBytes: screenshot?.sizeBytes ?? null })) }))
    } else if (args.op === 'status') {
      const { setFeedbackStatus } = await import('../../lib/feedback/status')
      const { systemActor } = await import('../../lib/auth/actor')
      const item = await db.feedbackItem.findUniqueOrThrow({ where: { number: Number(args.number) }, select: { id: true } })
      await setFeedbackStatus(systemActor('e2e'), { id: item.id, status: args.status })
      console.log(JSON.stringify({ ok: true }))
    } else if (args.op === 'siteKey') {
      const { createSiteKey, setSiteKeyScreenshots } = await import('../../lib/feedback/site-keys')
      const { systemActor } = await import('../../lib/auth/actor')
      const { row } = await createSiteKey(systemActor('e2e'), { name: `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, origins: [String(args.origin)] })
      if (args.screenshots) await setSiteKeyScreenshots(systemActor('e2e'), { siteKeyId: row.id, accept: true })
      console.log(JSON.stringify({ publicId: row.publicId }))
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
