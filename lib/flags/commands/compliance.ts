/**
 * Compliance evidence of a flag (HIPAA review, FDA approval, clinical validation), which the production
 * gates read. Recording it needs a person with flag:compliance (never an API key): authorize → one
 * transaction (load, write, history + audit).
 */
import { unprocessable } from '@/lib/errors'
import { authorize, type Actor } from '@/lib/auth/actor'
import type { ComplianceInput } from '../schema'
import { flagTransaction, loadFlag, recordChange, type CommandContext } from './records'

export async function recordCompliance(actor: Actor, flagKey: string, input: ComplianceInput, ctx: CommandContext = {}): Promise<{ id: string }> {
  authorize(actor, 'flag:compliance')
  if (input.kind === 'fda_approval' && !input.scope) {
    throw unprocessable('An FDA approval needs its scope (the approved intended use)', { scope: ['Required for an FDA approval'] })
  }
  return flagTransaction(async (tx) => {
    const flag = await loadFlag(tx, flagKey)
    const rec = await tx.complianceRecord.create({
      data: { flagId: flag.id, kind: input.kind, reference: input.reference, date: input.date, scope: input.scope, recordedById: actor.type === 'user' ? actor.id : null },
    })
    await recordChange(tx, flag, actor, {
      environment: null,
      event: 'compliance_recorded',
      action: 'flag.compliance.record',
      data: { recordId: rec.id, kind: input.kind, reference: input.reference, date: input.date },
      affectsEvaluation: false,
      touches: false,
    }, ctx)
    return { id: rec.id }
  })
}
