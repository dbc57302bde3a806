/** Daily: the monthly partitions of analytics events for this month and the next three (lib/analytics/retention.ts). */
import { createPartitionsAhead, MONTHS_AHEAD } from '../analytics/retention'
import type { JobDefinition } from './types'

export const analyticsPartitions: JobDefinition = {
  name: 'analytics-partitions',
  schedule: '10 0 * * *',
  description: `Creates the monthly partitions of analytics events for this month and the next ${MONTHS_AHEAD}, ahead of their first event.`,
  async run({ now }) {
    const created = await createPartitionsAhead(now)
    return { created }
  },
}
