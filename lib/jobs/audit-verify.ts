/**
 * Daily check of the hash-chained audit trail against its signed checkpoints (table and anchor file):
 * edited, reordered, truncated or cut rows and forged checkpoints all fail the run (so metrics, the admin page and
 * an external cron alert on it) and is itself recorded in the audit trail as 'audit.verify'.
 */
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { type AuditVerifyResult, verifyAuditChain } from '@/lib/audit-verify'
import { JobFailure, type JobDefinition, type JobResult } from './types'

/** The run's result and, when the chain is broken, the error naming the first broken entry. */
export function auditVerifyOutcome(check: AuditVerifyResult): { result: JobResult; error?: string } {
  const result: JobResult = {
    ok: check.ok,
    checked: check.checked,
    ...(check.brokenAt ? { brokenAt: check.brokenAt } : {}),
    ...(check.checkpoints ? { checkpoints: check.checkpoints } : {}),
  }
  if (check.ok) return { result }
  const where = check.brokenAt ? `at entry ${check.brokenAt.id} (${check.brokenAt.kind}): ${check.brokenAt.reason}` : 'at an unknown entry'
  return { result, error: `Audit chain is broken ${where}` }
}

export const auditVerify: JobDefinition = {
  name: 'audit-verify',
  schedule: '15 3 * * *',
  description: 'Verifies the hash chain of the audit trail and records the outcome in it.',
  timeoutSeconds: 1800,
  async run({ log, signal }) {
    const check = await verifyAuditChain({ signal })
    const { result, error } = auditVerifyOutcome(check)
    await recordAudit(SYSTEM_ACTOR, {
      action: 'audit.verify',
      targetType: 'audit',
      summary: { ok: check.ok, checked: check.checked, brokenAt: check.brokenAt?.id ?? null, kind: check.brokenAt?.kind ?? null },
    })
    if (error) {
      log.error({ brokenAt: check.brokenAt?.id, kind: check.brokenAt?.kind }, 'audit chain broken')
      throw new JobFailure(error, result)
    }
    for (const warning of check.checkpoints?.warnings ?? []) log.warn({ warning }, 'audit checkpoints disagree')
    return result
  },
}
