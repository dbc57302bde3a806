/**
 * Burn-rate incidents of an SLO with its own escalation policy page that policy instead of the service's.
 * The incident is opened by the ordinary alert ingest (with the service's policy); right after, before its
 * first escalation, it is moved to the SLO's policy under the incident's row lock, with its first
 * escalation time recomputed from the new policy (still none while a maintenance window mutes it). Once an
 * incident has escalated (level > 0) it stays where it is: its pages already went out.
 */
import { firstEscalationAt } from '../oncall/escalation-policy'
import { inTransaction } from '../tx'

export async function routeToSloPolicy(incidentId: string, policyId: string): Promise<boolean> {
  return inTransaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Incident" WHERE id = ${incidentId}::uuid FOR UPDATE`
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: { severity: true, muted: true, escalationLevel: true, escalationPolicyId: true, triggeredAt: true },
    })
    if (!incident || incident.escalationLevel > 0 || incident.escalationPolicyId === policyId) return false
    const policy = await tx.escalationPolicy.findUnique({ where: { id: policyId }, select: { levels: true, severityDelays: true } })
    if (!policy) return false
    await tx.incident.update({
      where: { id: incidentId },
      data: { escalationPolicyId: policyId, nextEscalationAt: incident.muted ? null : firstEscalationAt(policy, incident.severity, incident.triggeredAt) },
    })
    return true
  })
}
