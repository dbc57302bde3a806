/**
 * Change requests (4-eyes): filing one, approving someone else's, rejecting or withdrawing, editing one's own
 * (which voids an approval) and applying an approved one. The rules themselves are pure (../four-eyes.ts)
 * and are enforced here, in the write transaction. Only people take part: an API key files requests in its
 * owner's name through the environment commands, and may neither approve, edit nor apply.
 */
import { ApiError, conflict, notFound, unprocessable } from '@/lib/errors'
import { authorize, type Actor } from '@/lib/auth/actor'
import type { Permission } from '../../rbac'
import { hasPermission } from '../../rbac'
import { describeChange, payloadHash } from '../change'
import { applyRefusal, approveRefusal } from '../four-eyes'
import { ChangePayload, changePermission } from '../schema'
import { planChange } from './change-plans'
import { applyFlagUpdate } from './flags'
import {
  authorizeEdit,
  decideGate,
  flagTransaction,
  loadEnvironment,
  loadFlag,
  recordChange,
  requestChange,
  toJson,
  type CommandContext,
  type Tx,
} from './records'

/** Authorises a person for a change-request step and returns who they are (keys and the system are refused). */
function personOf(actor: Actor, permission: Permission): string {
  authorize(actor, permission)
  if (actor.type !== 'user') throw new ApiError(403, 'forbidden', `Change requests are handled by people (four_eyes): it needs a person with ${permission}`, { permission: [permission] })
  return actor.id
}

export async function createChangeRequest(actor: Actor, flagKey: string, environment: string, payload: ChangePayload, reason: string, ctx: CommandContext = {}): Promise<{ id: string }> {
  const env = authorizeEdit(actor, environment)
  return flagTransaction(async (tx) => {
    const flag = await loadFlag(tx, flagKey, true)
    return { id: await requestChange(tx, actor, flag, env, payload, reason, ctx) }
  })
}

async function loadRequest(tx: Tx, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('The change request does not exist')
  await tx.$executeRaw`SELECT 1 FROM "FlagChangeRequest" WHERE id = ${id}::uuid FOR UPDATE`
  const cr = await tx.flagChangeRequest.findUnique({ where: { id }, include: { flag: true } })
  if (!cr) throw notFound('The change request does not exist')
  return cr
}

const APPROVE_REFUSAL: Record<'requester' | 'editor', string> = {
  requester: 'Needs approval by a second person (four_eyes): you requested this change, so you cannot approve it',
  editor: 'Needs approval by a second person (four_eyes): you edited this change request, so you cannot approve it',
}

/**
 * Approves someone else's request (4-eyes): neither its requester nor anyone who edited it may approve it
 * (409). Apply is a separate step: `applyChangeRequest`.
 */
export async function approveChangeRequest(actor: Actor, id: string, ctx: CommandContext = {}): Promise<void> {
  const userId = personOf(actor, 'flag:approve')
  await flagTransaction(async (tx) => {
    const cr = await loadRequest(tx, id)
    if (cr.status !== 'pending') throw conflict(`The change request is ${cr.status}, not pending`)
    const refusal = approveRefusal(cr, userId)
    if (refusal) throw conflict(APPROVE_REFUSAL[refusal], { gate: ['four_eyes'] })
    const payload = ChangePayload.parse(cr.payload)
    await tx.flagChangeRequest.update({
      where: { id },
      data: { status: 'approved', approvedById: userId, approvedAt: ctx.now ?? new Date(), approvedHash: payloadHash(payload) },
    })
    await recordChange(tx, cr.flag, actor, {
      environment: cr.environment,
      event: 'change_approved',
      action: 'flag.change_request.approve',
      data: { changeRequestId: id, kind: payload.kind },
      affectsEvaluation: false,
      touches: false,
    }, ctx)
  })
}

/** Rejects a request (approvers), or withdraws it (its requester). */
export async function rejectChangeRequest(actor: Actor, id: string, reason = '', ctx: CommandContext = {}): Promise<void> {
  await flagTransaction(async (tx) => {
    const cr = await loadRequest(tx, id)
    const own = actor.type === 'user' && cr.requestedById === actor.id
    personOf(actor, own ? changePermission(ChangePayload.safeParse(cr.payload).data?.kind ?? 'environment') : 'flag:approve')
    if (cr.status !== 'pending' && cr.status !== 'approved') throw conflict(`The change request is ${cr.status}`)
    await tx.flagChangeRequest.update({ where: { id }, data: { status: 'rejected', reason: reason.slice(0, 1000) || cr.reason } })
    await recordChange(tx, cr.flag, actor, {
      environment: cr.environment,
      event: 'change_rejected',
      action: 'flag.change_request.reject',
      data: { changeRequestId: id, withdrawn: own },
      affectsEvaluation: false,
      touches: false,
    }, ctx)
  })
}

/**
 * Edits a pending or approved request. Only its requester may (403 for anyone else: they propose their own
 * change instead); every edit voids an approval (back to pending) and records the editor, who may then
 * never approve it.
 */
export async function editChangeRequest(actor: Actor, id: string, payload: ChangePayload, reason?: string, ctx: CommandContext = {}): Promise<{ voidedApproval: boolean }> {
  const userId = personOf(actor, 'flag:edit')
  return flagTransaction(async (tx) => {
    const cr = await loadRequest(tx, id)
    if (cr.status !== 'pending' && cr.status !== 'approved') throw conflict(`The change request is ${cr.status} and can no longer be edited`)
    if (cr.requestedById !== userId) {
      throw new ApiError(403, 'forbidden', 'Only the requester may edit a change request (four_eyes): propose your own change instead, or reject this one', {
        gate: ['four_eyes'],
      })
    }
    if (payload.kind !== (cr.payload as { kind?: string }).kind) throw unprocessable('An edit cannot change the kind of change requested')
    const voided = cr.status === 'approved'
    await tx.flagChangeRequest.update({
      where: { id },
      data: {
        payload: toJson(payload),
        ...(reason !== undefined ? { reason: reason.slice(0, 1000) } : {}),
        ...(cr.editorIds.includes(userId) ? {} : { editorIds: { push: userId } }),
        status: 'pending',
        approvedHash: null,
        approvedById: null,
        approvedAt: null,
      },
    })
    await recordChange(tx, cr.flag, actor, {
      environment: cr.environment,
      event: voided ? 'approval_voided' : 'change_edited',
      action: 'flag.change_request.edit',
      data: { changeRequestId: id, voidedApproval: voided, ...(voided ? { voidedApprovalBy: cr.approvedById } : {}), summary: describeChange(payload) },
      affectsEvaluation: false,
      touches: false,
    }, ctx)
    return { voidedApproval: voided }
  })
}

/** Why an approval found at apply time does not count (it is voided, and the request waits again). */
type VoidReason = 'approval_changed' | 'approver_is_author' | 'approver_lost_permission'

const VOID_MESSAGE: Record<VoidReason, string> = {
  approval_changed: 'The request changed after it was approved, so the approval is void: it needs approval again (four_eyes)',
  approver_is_author: 'The approval came from someone who requested or edited this change, so it does not count: it needs approval by a second person (four_eyes)',
  approver_lost_permission: 'The approver’s account is disabled or no longer holds flag:approve, so the approval no longer counts: it needs approval again (four_eyes)',
}

const VOID_DETAIL: Record<VoidReason, string> = {
  approval_changed: 'payload changed after approval',
  approver_is_author: 'approved by its requester or an editor',
  approver_lost_permission: 'approver disabled or no longer holds flag:approve',
}

/**
 * Applies an approved request. 4-eyes is checked again here, in the write transaction: the approval must be
 * of the payload as it is now, by someone who neither requested nor edited it, whose account still holds
 * flag:approve, and who is not the person applying (the requester or a third person applies). Compliance
 * gates are checked again too. An approval that no longer counts is voided (409).
 */
export async function applyChangeRequest(actor: Actor, id: string, ctx: CommandContext = {}): Promise<void> {
  // Everyone with flag:edit holds flag:emergency too; the change's own permission is checked once it is read.
  const userId = personOf(actor, 'flag:emergency')
  const stale = await flagTransaction(async (tx): Promise<{ reason: VoidReason; approvedById: string | null; approvedHash: string | null } | null> => {
    const cr = await loadRequest(tx, id)
    if (cr.status === 'pending') throw conflict('Needs approval by a second person (four_eyes) before it can be applied', { gate: ['four_eyes'] })
    if (cr.status !== 'approved') throw conflict(`The change request is ${cr.status}`)
    const payload = ChangePayload.parse(cr.payload)
    personOf(actor, changePermission(payload.kind))
    const refusal = applyRefusal(cr, payloadHash(payload), userId)
    const voidOf = (reason: VoidReason) => ({ reason, approvedById: cr.approvedById, approvedHash: cr.approvedHash })
    // Voided below, outside this transaction (which rolls back when it throws).
    if (refusal === 'approval_changed' || refusal === 'approver_is_author') return voidOf(refusal)
    if (refusal === 'not_approved') throw conflict('Needs approval by a second person (four_eyes) before it can be applied', { gate: ['four_eyes'] })
    if (refusal === 'approver_is_applier') {
      throw conflict('You approved this change, so you cannot also apply it (four_eyes): the requester or a third person applies it', { gate: ['four_eyes'] })
    }
    const approver = await tx.user.findUnique({ where: { id: cr.approvedById! }, select: { role: true, disabledAt: true } })
    if (!approver || approver.disabledAt || !hasPermission(approver.role, 'flag:approve')) return voidOf('approver_lost_permission')
    if (payload.kind === 'flag_update') {
      await applyFlagUpdate(tx, actor, cr.flag, payload.update, ctx)
    } else {
      const row = await loadEnvironment(tx, cr.flag, cr.environment)
      const plan = await planChange(tx, cr.flag, row, payload, ctx)
      await decideGate(tx, cr.flag, cr.environment, plan.next, { approved: true })
      await plan.apply(actor)
    }
    await tx.flagChangeRequest.update({ where: { id }, data: { status: 'applied', appliedAt: ctx.now ?? new Date() } })
    await recordChange(tx, cr.flag, actor, {
      environment: cr.environment,
      event: 'change_applied',
      action: 'flag.change_request.apply',
      data: { changeRequestId: id, kind: payload.kind, requestedById: cr.requestedById, approvedById: cr.approvedById },
      touches: false,
    }, ctx)
    return null
  })
  if (stale) {
    await flagTransaction(async (tx) => {
      const cr = await loadRequest(tx, id)
      // Only the approval that was found wanting: a fresh one given in between stands (checked at its apply).
      if (cr.status !== 'approved' || cr.approvedById !== stale.approvedById || cr.approvedHash !== stale.approvedHash) return
      await tx.flagChangeRequest.update({ where: { id }, data: { status: 'pending', approvedHash: null, approvedById: null, approvedAt: null } })
      await recordChange(tx, cr.flag, actor, {
        environment: cr.environment,
        event: 'approval_voided',
        action: 'flag.change_request.void',
        data: { changeRequestId: id, reason: VOID_DETAIL[stale.reason], voidedApprovalBy: stale.approvedById },
        affectsEvaluation: false,
        touches: false,
      }, ctx)
    })
    throw conflict(VOID_MESSAGE[stale.reason], { gate: ['four_eyes'] })
  }
}
