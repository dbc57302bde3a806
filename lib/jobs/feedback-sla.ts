/**
 * Every five minutes: the feedback area's two duties that must not depend on a request going well.
 * 1. The safety lane's retry: a safety concern whose incident was not opened on arrival gets it now
 *    (lib/feedback/safety-lane.ts).
 * 2. Processing-SLA breaches: items still `new` past their due time are escalated to on-call as one alert
 *    per run, joining the open `feedback-sla` incident (lib/feedback/sla-escalation.ts), each item once.
 * Both are idempotent: a second run at the same moment does nothing.
 */
import { escalateBreaches } from '../feedback/sla-escalation'
import { pendingSafetyItems, raiseSafetyIncident } from '../feedback/safety-lane'
import { ensureWardroomService, JOB_INCIDENT_SERVICE } from './failure-incident'
import { errorMessage } from './format'
import type { JobDefinition } from './types'

export const feedbackSla: JobDefinition = {
  name: 'feedback-sla',
  schedule: '*/5 * * * *',
  description: 'Opens the incident of any patient-safety concern still without one, and escalates feedback left untriaged past its processing SLA to on-call (one incident per batch).',
  timeoutSeconds: 240,
  async run({ now, log, signal }) {
    let safetyIncidents = 0
    let safetyFailures = 0
    for (const item of await pendingSafetyItems()) {
      signal.throwIfAborted()
      try {
        if (await raiseSafetyIncident(item.id, { now })) safetyIncidents++
      } catch (err) {
        safetyFailures++
        log.warn({ feedback: item.number, error: errorMessage(err) }, 'safety incident not opened; next run retries')
      }
    }
    await ensureWardroomService()
    const { escalated, incidentId } = await escalateBreaches(now, { serviceKey: JOB_INCIDENT_SERVICE })
    if (safetyFailures > 0) throw new Error(`${safetyFailures} safety concern(s) still without an incident`)
    return { safetyIncidents, escalated, incident: incidentId }
  },
}
