/**
 * Every minute: sends the notifications that are due (new ones and retries). All state is in the outbox
 * table, so a restart or a second instance loses and duplicates nothing.
 */
import { deliverDue, sendTestMessage } from '../notifications/delivery'
import type { JobDefinition } from './types'

export { sendTestMessage }

export const notificationDelivery: JobDefinition = {
  name: 'notification-delivery',
  schedule: '* * * * *',
  description:
    'Sends pending incident notifications (console, file, e-mail, Slack, PagerDuty, webhooks) and retries failed ones with backoff for up to 24 hours.',
  // Claims expire after 5 minutes (delivery.ts); the lease only keeps two runs of this job from overlapping.
  leaseSeconds: 240,
  async run({ now }) {
    const summary = await deliverDue(now)
    return { ...summary }
  },
}
