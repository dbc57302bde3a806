/** Daily: drops whole monthly partitions of analytics events past ANALYTICS_RETENTION_DAYS, with a deletion receipt in the audit log. */
import { dropExpiredPartitions } from '../analytics/retention'
import { systemActor } from '../auth/actor'
import { env } from '../env'
import type { JobDefinition } from './types'

export const analyticsRetention: JobDefinition = {
  name: 'analytics-retention',
  schedule: '40 3 * * *',
  description: `Drops monthly partitions of analytics events whose whole month is older than ${env.ANALYTICS_RETENTION_DAYS} days, each with a deletion receipt (range, rows, time) in the audit log.`,
  timeoutSeconds: 1800,
  async run({ now, signal }) {
    const receipts = await dropExpiredPartitions(systemActor('analytics-retention'), now, env.ANALYTICS_RETENTION_DAYS, signal)
    return { dropped: receipts.map((r) => r.partition), rows: receipts.reduce((s, r) => s + r.rows, 0), retentionDays: env.ANALYTICS_RETENTION_DAYS }
  },
}
