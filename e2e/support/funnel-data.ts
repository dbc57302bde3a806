/**
 * Writes a small funnel of its own into the e2e server's database, so the funnel journey sees known numbers
 * whatever else shares the database: `node --import tsx e2e/support/funnel-data.ts '{"prefix":"…"}'`.
 * Three registered events named after the prefix, a workflow (key = prefix) of them, and 40 people in
 * three wards over the last few hours, each with one session around their attempt:
 *
 *   ward     started  reviewed  signed
 *   Ward A        20        16      12
 *   Ward B        14        12       5   (signed: fewer than 11, suppressed)
 *   Ward C         6         4       2   (fewer than 11 started: the group is hidden)
 *   everyone      40        32      19   (8 lost at step 2: suppressed; 13 lost at step 3: listed)
 */
import { connectForTool } from '../../scripts/lib/database'

const MIN = 60_000
const WARDS = [
  { name: 'Ward A', counts: [20, 16, 12] },
  { name: 'Ward B', counts: [14, 12, 5] },
  { name: 'Ward C', counts: [6, 4, 2] },
] as const

async function main(): Promise<void> {
  const { prefix } = JSON.parse(process.argv[2] ?? '{}') as { prefix: string }
  if (!/^[a-z][a-z0-9_]{3,40}$/.test(prefix)) throw new Error('prefix: lower-case letters, digits and _')
  const conn = await connectForTool()
  // lib/db reads DATABASE_URL when it is first imported, which connectForTool has just set.
  const { db, getPool, closeDb } = await import('../../lib/db')
  try {
    const events = [`${prefix}_opened`, `${prefix}_reviewed`, `${prefix}_signed`]
    for (const name of events) {
      await db.analyticsEventType.create({ data: { name, status: 'registered', owner: 'e2e', description: 'Funnel journey event', properties: {} } })
    }
    await db.analyticsWorkflow.create({
      data: {
        key: prefix,
        name: `Journey funnel ${prefix}`,
        steps: [
          { event: events[0], filters: {}, label: 'Chart opened' },
          { event: events[1], filters: {}, label: 'Plan reviewed' },
          { event: events[2], filters: {}, label: 'Plan signed' },
        ],
        conversionWindowMs: 3_600_000,
      },
    })

    const now = Date.now()
    const start = now - 4 * 60 * MIN
    const rows: { user: string; event: string; at: Date; ward: string }[] = []
    const sessions: { user: string; from: Date; to: Date; count: number }[] = []
    let n = 0
    for (const ward of WARDS) {
      for (let i = 0; i < ward.counts[0]; i++, n++) {
        // Told apart in their first characters, as real pseudonyms are (the drop-off list shows the first eight).
        const user = `u_${String(n).padStart(3, '0')}_${prefix}`
        const first = start + n * 4 * MIN
        const reached = ward.counts.filter((c) => i < c).length
        for (let s = 0; s < reached; s++) rows.push({ user, event: events[s]!, at: new Date(first + s * 3 * MIN), ward: ward.name })
        sessions.push({ user, from: new Date(first), to: new Date(first + (reached - 1) * 3 * MIN), count: reached })
      }
    }
    const pool = getPool()
    for (const month of new Set(rows.map((r) => r.at.toISOString().slice(0, 7)))) await pool.query(`SELECT analytics_create_partition($1::date)`, [`${month}-01`])
    await pool.query(
      `INSERT INTO "AnalyticsEvent" ("userKey", event, "occurredAt", type, department, role, site, "appVersion")
       SELECT u, e, t, 'track', d, 'nurse', 'North', '4.2' FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) AS x(u, e, t, d)`,
      [rows.map((r) => r.user), rows.map((r) => r.event), rows.map((r) => r.at.toISOString()), rows.map((r) => r.ward)],
    )
    await pool.query(
      `INSERT INTO "AnalyticsSession" ("userKey", "startedAt", "endedAt", "eventCount")
       SELECT u, f, t, c FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[]) AS x(u, f, t, c) ON CONFLICT DO NOTHING`,
      [sessions.map((s) => s.user), sessions.map((s) => s.from.toISOString()), sessions.map((s) => s.to.toISOString()), sessions.map((s) => s.count)],
    )
  } finally {
    await closeDb()
    await conn.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
