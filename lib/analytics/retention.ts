/**
 * Partition upkeep: months created ahead (analytics-partitions) and expired months dropped whole
 * (analytics-retention). Each drop and its deletion receipt in the audit log (partition, range, rows, time)
 * commit together: a receipt without its drop, or a drop without its receipt, cannot happen.
 */
import { recordAuditRaw } from '../audit'
import type { Actor } from '../auth/actor'
import { getPool } from '../db'
import { inRawTransaction, type Sql } from '../tx'
import { addMonths, expiredPartitions, forgetPartitions, listPartitions, monthStart } from './partitions'

const poolSql: Sql = { query: async <R>(text: string, values: readonly unknown[] = []) => (await getPool().query(text, values as unknown[])).rows as R[] }

/** Months kept ready beyond the current one, so that a month's first event never waits for DDL. */
export const MONTHS_AHEAD = 3

/** Creates the partitions of the current month and the next MONTHS_AHEAD; returns those it created. */
export async function createPartitionsAhead(now: Date): Promise<string[]> {
  const created: string[] = []
  for (let i = 0; i <= MONTHS_AHEAD; i++) {
    const month = addMonths(monthStart(now), i).toISOString().slice(0, 10)
    const [row] = await poolSql.query<{ name: string | null }>('SELECT analytics_create_partition($1::date) AS name', [month])
    if (row?.name) created.push(row.name)
  }
  return created
}

export interface DeletionReceipt {
  partition: string
  from: string
  to: string
  rows: number
  droppedAt: string
}

/** Drops every partition whose whole month is older than `days`; one audited transaction per partition. */
export async function dropExpiredPartitions(actor: Actor, now: Date, days: number, signal?: AbortSignal): Promise<DeletionReceipt[]> {
  const expired = expiredPartitions(await listPartitions(poolSql), now, days)
  const receipts: DeletionReceipt[] = []
  for (const p of expired) {
    signal?.throwIfAborted()
    const receipt = await inRawTransaction(async (sql, client) => {
      const [row] = await sql.query<{ rows: string }>('SELECT analytics_drop_partition($1)::text AS rows', [p.name])
      const r: DeletionReceipt = { partition: p.name, from: p.from.toISOString(), to: p.to.toISOString(), rows: Number(row!.rows), droppedAt: new Date().toISOString() }
      await recordAuditRaw(client, actor, {
        action: 'analytics.retention.drop',
        targetType: 'analytics_partition',
        targetId: p.name,
        summary: { ...r, retentionDays: days },
        count: r.rows,
      })
      return r
    })
    receipts.push(receipt)
  }
  if (receipts.length > 0) forgetPartitions()
  return receipts
}
