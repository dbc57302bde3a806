/** Every 15 minutes: daily rollups of analytics events for trends, late events included (lib/analytics/rollups.ts). */
import { rollUpAnalytics } from '../analytics/rollups'
import type { JobDefinition } from './types'

export const analyticsRollups: JobDefinition = {
  name: 'analytics-rollups',
  schedule: '*/15 * * * *',
  description: 'Re-rolls the daily analytics rollups of today, yesterday and every day that late events (up to 7 days) touched since the last run.',
  timeoutSeconds: 600,
  async run({ now, signal }) {
    const r = await rollUpAnalytics(now, signal)
    return { days: r.days, written: r.written, deleted: r.deleted }
  },
}
