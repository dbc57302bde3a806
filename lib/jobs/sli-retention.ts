/** Daily: raw SLI events past their retention (SLI_RAW_RETENTION_DAYS, default 7) and rollups older than 13 months. */
import { env } from '../env'
import { pruneSliData, ROLLUP_RETENTION_MONTHS } from '../slo/rollup'
import type { JobDefinition } from './types'

export const sliRetention: JobDefinition = {
  name: 'sli-retention',
  schedule: '30 3 * * *',
  description: `Deletes raw SLI events older than ${env.SLI_RAW_RETENTION_DAYS} days (once rolled up) and SLO rollups older than ${ROLLUP_RETENTION_MONTHS} months.`,
  timeoutSeconds: 1800,
  async run({ now, signal }) {
    const r = await pruneSliData(now, env.SLI_RAW_RETENTION_DAYS, { signal })
    return { events: r.events, rollups: r.rollups, rawRetentionDays: env.SLI_RAW_RETENTION_DAYS }
  },
}
