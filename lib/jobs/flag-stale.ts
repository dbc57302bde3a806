/** Marks flags stale that have been unchanged for 30 days at 0 % or 100 %. */
import { systemActor } from '@/lib/auth/actor'
import { markStaleFlags } from '@/lib/flags/commands/flags'
import { STALE_AFTER_DAYS } from '@/lib/flags/stale'
import type { JobDefinition } from './types'

export const flagStale: JobDefinition = {
  name: 'flag-stale',
  schedule: '30 3 * * *',
  description: `Marks feature flags stale when unchanged for ${STALE_AFTER_DAYS} days while serving everyone alike (0 % or 100 %).`,
  async run({ now, signal }) {
    const { checked, marked } = await markStaleFlags(systemActor('flag-stale'), now, { signal })
    return { checked, marked: marked.length, flags: marked.slice(0, 50) }
  },
}
