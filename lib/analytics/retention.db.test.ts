/** Partitions ahead and whole-partition retention with deletion receipts, including as the runtime role (no DDL of its own). */
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { systemActor } from '@/lib/auth/actor'
import { db, getPool } from '@/lib/db'
import { getJob } from '@/lib/jobs/registry'
import { listPartitions } from './partitions'
import { createPartitionsAhead, dropExpiredPartitions } from './retention'

const poolSql = { query: async <R>(text: string, values: readonly unknown[] = []) => (await getPool().query(text, values as unknown[])).rows as R[] }

async function insertAt(at: string, n: number) {
  await getPool().query(
    `INSERT INTO "AnalyticsEvent" ("occurredAt", "userKey", type, event) SELECT $1::timestamptz + make_interval(secs => g), 'u_test', 'track', 'x' FROM generate_series(1, $2) g`,
    [at, n],
  )
}

describe('analytics partitions', () => {
  it('creates this month and the next three, and creates nothing twice', async () => {
    await createPartitionsAhead(new Date('2031-11-20T10:00:00Z'))
    const names = (await listPartitions(poolSql)).map((p) => p.name)
    expect(names).toEqual(expect.arrayContaining(['AnalyticsEvent_2031_11', 'AnalyticsEvent_2031_12', 'AnalyticsEvent_2032_01', 'AnalyticsEvent_2032_02']))
    expect(await createPartitionsAhead(new Date('2031-11-20T10:00:00Z'))).toEqual([])
    expect(getJob('analytics-partitions')).toBeDefined()
  })

  it('drops whole expired months with a receipt in the audit log, and keeps the rest', async () => {
    for (const m of ['2020-01-01', '2020-02-01']) await poolSql.query('SELECT analytics_create_partition($1::date)', [m])
    await insertAt('2020-01-10T00:00:00Z', 7)
    await insertAt('2020-02-10T00:00:00Z', 5)
    // 2020-05-15 minus 90 days is 2020-02-15: January has wholly expired, February not yet.
    const receipts = await dropExpiredPartitions(systemActor('analytics-retention'), new Date('2020-05-15T00:00:00Z'), 90)
    expect(receipts).toEqual([
      { partition: 'AnalyticsEvent_2020_01', from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z', rows: 7, droppedAt: expect.any(String) },
    ])
    const names = (await listPartitions(poolSql)).map((p) => p.name)
    expect(names).not.toContain('AnalyticsEvent_2020_01')
    expect(names).toContain('AnalyticsEvent_2020_02')
    const audit = await db.auditLog.findFirst({ where: { action: 'analytics.retention.drop', targetId: 'AnalyticsEvent_2020_01' } })
    expect(audit).toMatchObject({ count: 7, targetType: 'analytics_partition', summary: { rows: 7, from: '2020-01-01T00:00:00.000Z', retentionDays: 90 } })
    await poolSql.query('SELECT analytics_drop_partition($1)', ['AnalyticsEvent_2020_02'])
  })

  it('lets the runtime role create and drop partitions only through the functions', async () => {
    const client = new pg.Client({ connectionString: inject('runtimeDatabaseUrl') })
    await client.connect()
    try {
      const { rows } = await client.query<{ name: string }>(`SELECT analytics_create_partition('2019-06-01') AS name`)
      expect(rows[0]!.name).toBe('AnalyticsEvent_2019_06')
      await expect(client.query(`CREATE TABLE "AnalyticsEvent_2019_07" PARTITION OF "AnalyticsEvent" FOR VALUES FROM ('2019-07-01') TO ('2019-08-01')`)).rejects.toThrow(/permission denied/)
      await expect(client.query(`SELECT analytics_drop_partition('AuditLog')`)).rejects.toThrow(/not a partition/)
      const dropped = await client.query<{ n: string }>(`SELECT analytics_drop_partition('AnalyticsEvent_2019_06')::text AS n`)
      expect(dropped.rows[0]!.n).toBe('0')
    } finally {
      await client.end()
    }
  })
})
