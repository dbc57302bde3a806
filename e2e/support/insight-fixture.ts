/**
 * Writes an insight's raw material into the e2e server's database (its embedded server's socket, or
 * DATABASE_URL): `node --import tsx e2e/support/insight-fixture.ts '<json>'` with `{ key }`. Makes three
 * registered events and the workflow `key` of them, and two weeks of their events: in Emergency the last
 * step loses 20 % of 60 people the week before and 60 % in the last week, in Cardiology the reverse (at
 * least 11 lost each week, so no figure is withheld); and an open medium insight in Intensive Care. Events
 * older than 7 days cannot be sent through the API (they are refused as too old), hence the database.
 */
import { connectForTool } from '../../scripts/lib/database'

const DAY = 86_400_000
const MIN = 60_000

async function main(): Promise<void> {
  const { key } = JSON.parse(process.argv[2] ?? '{}') as { key: string }
  const conn = await connectForTool()
  const { db, getPool, closeDb } = await import('../../lib/db')
  try {
    const events = ['start', 'middle', 'finish'].map((s) => `${key}_${s}`)
    await db.analyticsEventType.createMany({ data: events.map((name) => ({ name, status: 'registered', owner: 'e2e', properties: {} })) })
    await db.analyticsWorkflow.create({
      data: { key, name: `E2E insight ${key}`, conversionWindowMs: 3_600_000, steps: events.map((event, i) => ({ event, filters: {}, label: ['Opened', 'Reviewed', 'Finished'][i] })) },
    })
    // The insights job's current week ends at the last midnight at least one conversion window (1 h) ago.
    const today = Math.floor((Date.now() - 3_600_000) / DAY) * DAY
    for (const back of [15, 8, 1]) await getPool().query('SELECT analytics_create_partition($1::date)', [new Date(today - back * DAY).toISOString().slice(0, 10)])
    const cohorts = [
      { department: 'Emergency', week: today - 14 * DAY, kept: 48 },
      { department: 'Cardiology', week: today - 14 * DAY, kept: 24 },
      { department: 'Emergency', week: today - 7 * DAY, kept: 24 },
      { department: 'Cardiology', week: today - 7 * DAY, kept: 48 },
    ]
    const rows: string[][] = []
    cohorts.forEach((c, ci) => {
      for (let i = 0; i < 60; i++) {
        const user = `u_${key}_${ci}_${i}`
        const t = c.week + (i % 7) * DAY + 10 * 3_600_000 + i * MIN
        for (let s = 0; s < (i < c.kept ? 3 : 2); s++) rows.push([user, events[s]!, new Date(t + s * MIN).toISOString(), c.department])
      }
    })
    await getPool().query(
      `INSERT INTO "AnalyticsEvent" ("userKey", event, "occurredAt", department, type)
       SELECT u, e, t, d, 'track' FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) AS x(u, e, t, d)`,
      [0, 1, 2, 3].map((col) => rows.map((r) => r[col])),
    )
    // And an open medium-priority insight of an earlier run (the job makes tasks of high ones only), for a PM
    // to dismiss: Intensive Care's second step, two weeks back.
    await db.analyticsInsight.create({
      data: {
        kind: 'dropoff_increase',
        workflowKey: key,
        step: 2,
        stepLabel: 'Reviewed',
        department: 'Intensive Care',
        periodFrom: new Date(today - 14 * DAY),
        periodTo: new Date(today - 7 * DAY),
        previousFrom: new Date(today - 21 * DAY),
        previousTo: new Date(today - 14 * DAY),
        currentBase: 400,
        currentLost: 108,
        previousBase: 400,
        previousLost: 80,
        zScore: 2.33,
        pValue: 0.0099,
        priority: 'medium',
      },
    })
  } finally {
    await closeDb()
    await conn.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
