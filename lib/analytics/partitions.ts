/**
 * Monthly partitions of "AnalyticsEvent" (UTC months, named AnalyticsEvent_YYYY_MM). The
 * analytics-partitions job creates the next months ahead; ingest creates a missing month on first use as a
 * safety net (a fresh install, or a job that has not run yet), so an event is never refused for want of a
 * partition. Both go through the migration's SECURITY DEFINER functions: the runtime role has no DDL.
 */
import type { Sql } from '../tx'

const PREFIX = 'AnalyticsEvent_'

export function monthStart(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))
}

export function addMonths(d: Date, n: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1))
}

export function partitionName(month: Date): string {
  return `${PREFIX}${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`
}

/** The month a partition holds, from its name; null for anything else. */
export function monthOfPartition(name: string): Date | null {
  const m = /^AnalyticsEvent_(\d{4})_(\d{2})$/.exec(name)
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10)

// Months known to have a partition in this process (partitions are only ever dropped when expired).
const known = new Set<string>()

/** Creates the partitions of these months that do not exist; returns the names it created. */
export async function ensurePartitions(sql: Sql, months: readonly Date[]): Promise<string[]> {
  const created: string[] = []
  for (const month of new Set(months.map((m) => isoDate(monthStart(m))))) {
    if (known.has(month)) continue
    const [row] = await sql.query<{ name: string | null }>('SELECT analytics_create_partition($1::date) AS name', [month])
    if (row?.name) created.push(row.name)
    known.add(month)
  }
  return created
}

/** Forgets what this process knows (after partitions were dropped). */
export function forgetPartitions(): void {
  known.clear()
}

export interface PartitionInfo {
  name: string
  from: Date
  to: Date
}

/** The partitions that exist, oldest first. */
export async function listPartitions(sql: Sql): Promise<PartitionInfo[]> {
  const rows = await sql.query<{ name: string }>(
    `SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = '"AnalyticsEvent"'::regclass`,
  )
  return rows
    .map((r) => ({ name: r.name, from: monthOfPartition(r.name) }))
    .filter((p): p is { name: string; from: Date } => p.from !== null)
    .map((p) => ({ ...p, to: addMonths(p.from, 1) }))
    .sort((a, b) => a.from.getTime() - b.from.getTime())
}

/**
 * Partitions wholly older than the retention horizon: their whole month ends at or before `now - days`.
 * A partition that still holds one day inside the horizon is kept until all of it has expired.
 */
export function expiredPartitions(partitions: readonly PartitionInfo[], now: Date, days: number): PartitionInfo[] {
  const horizon = now.getTime() - days * 24 * 60 * 60 * 1000
  return partitions.filter((p) => p.to.getTime() <= horizon)
}
