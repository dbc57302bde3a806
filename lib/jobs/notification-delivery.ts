/**
 * Every minute: sends the notifications that are due (new ones and retries), then probes each failing channel
 * once (a channel that answers gets its whole queue in the same run). All state is in the outbox table, so a
 * restart or a second instance loses and duplicates nothing. The run's start (`now`) is compared with due
 * times with a few seconds' tolerance (lib/notifications/retry.ts), since each run starts a little after its
 * tick by a different amount.
 */
import { deliverDue } from '../notifications/delivery'
import type { JobDefinition } from './types'

export const notificationDelivery: JobDefinition = {
  name: 'notification-delivery',
  schedule: '* * * * *',
  description:
    'Sends pending incident notifications (console, file, e-mail, Slack, PagerDuty, webhooks) in order per incident, retries failed ones with backoff (30 s doubling to 5 min, 15 min after the first hour) for up to 24 hours, and tries each failing channel once a minute so a recovered one gets its queue at once.',
  // Claims expire after 5 minutes (delivery.ts): a run must end before its claims do, or another run could
  // send the same messages again.
  timeoutSeconds: 240,
  async run({ now, signal }) {
    const summary = await deliverDue(now, { signal })
    return { ...summary }
  },
}
