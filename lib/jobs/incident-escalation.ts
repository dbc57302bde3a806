/**
 * Every minute: unacknowledged incidents climb their escalation policy (the runner in
 * lib/incidents/escalation.ts; the policy in lib/oncall/escalation-policy.ts).
 * Escalation stops at acknowledge or resolve; muted incidents and services in maintenance are held back.
 */
import { runEscalations } from '../incidents/escalation'
import type { JobDefinition } from './types'

export const incidentEscalation: JobDefinition = {
  name: 'incident-escalation',
  schedule: '* * * * *',
  description: 'Pages the next level of the escalation policy for incidents nobody has acknowledged in time.',
  // A run takes well under a minute; one that does not is cut short before the next minute's run.
  timeoutSeconds: 55,
  async run({ now, signal }) {
    return runEscalations(now, { signal })
  },
}
