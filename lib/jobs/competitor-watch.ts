/**
 * Daily: fetches each active watched competitor source (pages, RSS/Atom feeds) through the guarded
 * outbound helper, compares its readable text with the last snapshot and records what changed as pending
 * evidence for the review queue (/competitors/review). lib/competitors/watch.ts does the work.
 */
import { systemActor } from '../auth/actor'
import { runCompetitorWatch } from '../competitors/watch'
import type { JobDefinition } from './types'

export const competitorWatch: JobDefinition = {
  name: 'competitor-watch',
  // Early morning, so the day's changes wait in the queue when product managers start.
  schedule: '30 5 * * *',
  description:
    'Fetches every active watched competitor page and feed, compares its readable text with the last snapshot, and records each change as evidence awaiting review; a failing source records why and the others go on.',
  // Sources are fetched one after another, 15 s at most each.
  timeoutSeconds: 900,
  async run({ now, signal }) {
    const summary = await runCompetitorWatch(systemActor('competitor-watch'), { now, signal })
    return { ...summary }
  },
}
