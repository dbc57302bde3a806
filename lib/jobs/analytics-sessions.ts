/** Every 5 minutes: sessions of the users with new analytics events (lib/analytics/session-job.ts). */
import { computeSessions } from '../analytics/session-job'
import type { JobDefinition } from './types'

export const analyticsSessions: JobDefinition = {
  name: 'analytics-sessions',
  schedule: '*/5 * * * *',
  description: 'Computes the sessions (5 minutes idle, 1 hour at most) of users with new analytics events, late events included.',
  timeoutSeconds: 240,
  async run({ now, signal }) {
    const r = await computeSessions(now, signal)
    return { users: r.users, sessions: r.sessions }
  },
}
