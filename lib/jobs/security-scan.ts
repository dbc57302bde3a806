/**
 * Every five minutes: the security rules over the recent window (lib/security/scan.ts), each finding stored
 * once as a SecurityEvent. A new finding whose severity reaches the configured threshold raises an incident
 * of source `security` through the ordinary alert ingest, keyed per rule and subject, so that repeats join
 * the open incident. The incident names the rule, not the subject (no addresses or e-mails on the board):
 * the details are on Admin → Security.
 */
import { ingestAlert } from '../incidents/ingest'
import { logger } from '../logger'
import { systemActor } from '../auth/actor'
import { isAtLeast } from '../severity'
import { securityIncidentKey } from '../security/rules'
import { linkIncident, pruneSecurityData, scanSecurity, type StoredFinding } from '../security/scan'
import { SECURITY_RULE_LABELS } from '../security/settings'
import { ensureWardroomService, JOB_INCIDENT_SERVICE } from './failure-incident'
import { errorMessage } from './format'
import type { JobDefinition } from './types'

export const SECURITY_SCAN_ACTOR = systemActor('security-scan')

async function raiseIncident(f: StoredFinding, at: Date): Promise<string> {
  await ensureWardroomService()
  const { incidentId } = await ingestAlert(SECURITY_SCAN_ACTOR, {
    source: 'security',
    severity: f.severity,
    system: 'wardroom_security',
    message: `Security: ${SECURITY_RULE_LABELS[f.rule]} (${f.count} ${f.count === 1 ? 'occurrence' : 'occurrences'}). Details on Admin → Security.`,
    occurredAt: at,
    dedupKey: securityIncidentKey(f),
    serviceKey: JOB_INCIDENT_SERVICE,
    details: { rule: f.rule, subjectType: f.subjectType, securityEvent: f.id.toString() },
  })
  await linkIncident(f.id, incidentId)
  return incidentId
}

export const securityScan: JobDefinition = {
  name: 'security-scan',
  schedule: '*/5 * * * *',
  description: 'Looks for failed sign-in bursts, unusual API key use, refused scopes, audit-chain failures, expiring keys and after-hours administration; records them and raises incidents for severe ones.',
  timeoutSeconds: 240,
  async run({ now, log }) {
    const { findings, fresh, flushed, settings } = await scanSecurity(now)
    let incidents = 0
    for (const f of fresh) {
      if (!isAtLeast(f.severity, settings.incidentMinSeverity)) continue
      try {
        await raiseIncident(f, now)
        incidents++
      } catch (err) {
        // The event is stored either way; the next finding of the rule and subject raises it again.
        log.warn({ rule: f.rule, error: errorMessage(err) }, 'security incident not raised')
      }
    }
    if (fresh.length) logger.info({ job: 'security-scan', events: fresh.length, incidents }, 'security events recorded')
    const pruned = await pruneSecurityData(now, settings)
    return { findings, newEvents: fresh.length, incidents, usageRowsFlushed: flushed, pruned: pruned.usage + pruned.events }
  },
}
