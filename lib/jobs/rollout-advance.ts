/** Moves canary rollouts to their next stage while guarded SLOs are healthy; rolls back automatically when not. */
import { systemActor } from '@/lib/auth/actor'
import { advanceRollouts } from '@/lib/flags/commands/rollouts'
import type { JobDefinition } from './types'

export const rolloutAdvance: JobDefinition = {
  name: 'rollout-advance',
  schedule: '*/5 * * * *',
  description:
    'Advances running flag rollouts to their next stage when due and their guarded SLOs have no open violation; halves the percentage and alerts when a guarded SLO has more violations than the rollout allows.',
  async run({ now, signal }) {
    return { ...(await advanceRollouts(systemActor('rollout-advance'), now, { signal })) }
  },
}
