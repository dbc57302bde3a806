/**
 * Every minute: sends the notifications that are due (new ones and retries). All state is in the outbox
 * table, so a restart or a second instance loses and duplicates nothing.
 */
import { deliverDue } from '../notifications/delivery'
import type { JobDefinition } from './types'

export const notificationDelivery: JobDefinition = {
  name: 'notification-delivery',
  schedule: '* * * * *',
  description:
    'Sends pending incident notifications (console, file, e-mail, Slack, PagerDuty, webhooks) and retries failed ones with backoff for up to 24 hours.',
  // Claims expire after 5 minutes (delivery.ts): a run must end before its claims do, or another run could
  // send the same messages again.
  timeoutSeconds: 240,
  async run({ now, signal }) {
    const summary = await deliverDue(now, { signal })
    return { ...summary }
  },
}
