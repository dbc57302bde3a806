/**
 * Daily: deletes feedback screenshots past their expiry (FEEDBACK_SCREENSHOT_RETENTION_DAYS after arrival)
 * and writes one deletion receipt (count, bytes, expiry range) to the audit log (lib/feedback/screenshots.ts).
 */
import { systemActor } from '../auth/actor'
import { env } from '../env'
import { purgeExpiredScreenshots } from '../feedback/screenshots'
import type { JobDefinition } from './types'

export const feedbackScreenshotsPurge: JobDefinition = {
  name: 'feedback-screenshots-purge',
  schedule: '50 3 * * *',
  description: `Deletes feedback screenshots older than their retention (${env.FEEDBACK_SCREENSHOT_RETENTION_DAYS} days), with one deletion receipt (count, bytes, expiry range) in the audit log.`,
  timeoutSeconds: 600,
  async run({ now }) {
    const receipt = await purgeExpiredScreenshots(systemActor('feedback-screenshots-purge'), now)
    return { ...receipt, retentionDays: env.FEEDBACK_SCREENSHOT_RETENTION_DAYS }
  },
}
