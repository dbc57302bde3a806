/**
 * Which waiting notifications a delivery pass may take, and which a recovered channel releases. Pure, and
 * tested with worked times (queue-rules.test.ts); delivery.ts states the same rules in SQL, and its
 * integration test checks that the two agree.
 *
 * Order: one incident's messages to one channel (a chain) go one at a time, in the order their events
 * happened (`seq`: every writer of an incident's messages holds the incident's row lock, so insertion order
 * is event order: triggered before escalated before resolved). A message waits while an earlier one of its
 * chain is undelivered; one that was given up (dead) no longer holds the others back. Messages without an
 * incident (test messages) form no chain.
 *
 * Recovery (the channel's circuit): a channel whose messages wait for a retry is probed once a minute with
 * the one due soonest, whatever its backoff step, and when a channel accepts a message again its other
 * waiting messages are due at once. So a receiver that comes back gets its whole queue from the first run
 * after its return, not at the end of a 5- or 15-minute step. A failed probe is not one of the message's
 * attempts (no timeline entry, its backoff unchanged): it only says that the channel is still down.
 */
import { dueBy } from './retry'

/** How often a channel whose messages wait for a retry is tried, at most (less the tolerance, retry.ts). */
export const PROBE_INTERVAL_MS = 60_000

export interface QueuedMessage {
  id: string
  channelId: string
  incidentId: string | null
  seq: bigint
  /** pending | delivered | dead */
  status: string
  attempts: number
  nextAttemptAt: Date
  claimedUntil: Date | null
  lastAttemptAt: Date | null
}

const bySoonest = (a: QueuedMessage, b: QueuedMessage) =>
  a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0)

const sameChain = (a: QueuedMessage, b: QueuedMessage) => a.incidentId !== null && a.incidentId === b.incidentId && a.channelId === b.channelId

/** Whether an earlier message of `m`'s chain is still undelivered, so `m` must wait for it. */
export function waitsForEarlier(m: QueuedMessage, all: readonly QueuedMessage[]): boolean {
  return all.some((e) => e !== m && e.status === 'pending' && sameChain(e, m) && e.seq < m.seq)
}

/** Whether a pass that started at `now` holds the message (its claim has not lapsed). */
export const isClaimed = (m: QueuedMessage, now: Date) => m.claimedUntil !== null && m.claimedUntil > now

/**
 * The messages a pass starting at `now` takes, in the order it takes them (soonest due first, then event
 * order), at most `limit`: pending, due by `now` plus the scheduler's tolerance (retry.ts), held by no other
 * pass, and first undelivered of their chain.
 */
export function claimable(all: readonly QueuedMessage[], now: Date, limit: number): QueuedMessage[] {
  const by = dueBy(now)
  return all
    .filter((m) => m.status === 'pending' && m.nextAttemptAt <= by && !isClaimed(m, now) && !waitsForEarlier(m, all))
    .sort(bySoonest)
    .slice(0, limit)
}

/**
 * The messages that a delivery accepted by `channelId` in the pass that started at `now` makes due at once:
 * the channel's other pending messages that wait for a later retry, are held by no pass, and were not tried
 * in this pass already (a message the receiver refuses on its own is not sent again after every success).
 * Messages that wait for an earlier one of their chain need no release: they follow once it is delivered.
 */
export function releasedOnRecovery(all: readonly QueuedMessage[], channelId: string, now: Date): QueuedMessage[] {
  return all.filter(
    (m) =>
      m.channelId === channelId &&
      m.status === 'pending' &&
      m.nextAttemptAt > now &&
      !isClaimed(m, now) &&
      (m.lastAttemptAt === null || m.lastAttemptAt < now),
  )
}

/**
 * The probes of a pass starting at `now`, run once nothing is due any more: for each channel with messages
 * waiting for a retry, none of which was tried in the last PROBE_INTERVAL_MS (by the pass's due time), the
 * one due soonest among those that may go now (first of their chain, held by no pass).
 */
export function probes(all: readonly QueuedMessage[], now: Date): QueuedMessage[] {
  const triedSince = dueBy(now).getTime() - PROBE_INTERVAL_MS
  const waiting = all.filter((m) => m.status === 'pending')
  const channels = new Set(waiting.filter((m) => m.attempts > 0).map((m) => m.channelId))
  const chosen: QueuedMessage[] = []
  for (const channelId of channels) {
    const mine = waiting.filter((m) => m.channelId === channelId)
    if (mine.some((m) => m.lastAttemptAt !== null && m.lastAttemptAt.getTime() > triedSince)) continue
    const [first] = mine.filter((m) => m.attempts > 0 && !isClaimed(m, now) && !waitsForEarlier(m, all)).sort(bySoonest)
    if (first) chosen.push(first)
  }
  return chosen
}
