/**
 * Every minute: unacknowledged incidents climb their escalation policy (lib/oncall/escalation.ts).
 * Escalation stops at acknowledge or resolve; muted incidents and services in maintenance are held back.
 */
import { runEscalations } from '../oncall/escalation'
import type { JobDefinition } from './types'

export const incidentEscalation: JobDefinition = {
  name: 'incident-escalation',
  schedule: '* * * * *',
  description: 'Pages the next level of the escalation policy for incidents nobody has acknowledged in time.',
  // A run takes well under a minute; a shorter lease lets another instance take over quickly after a crash.
  leaseSeconds: 55,
  async run({ now }) {
    return runEscalations(now)
  },
}
