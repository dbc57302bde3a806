'use server'
/**
 * Server actions of the feature-flag pages: each adapts a form to a command. defineAction (session,
 * permission, validate) → the command in lib/flags/commands/ (authorize, one transaction: gates and 4-eyes,
 * write, history + audit) → revalidate + message. A refused change comes back as an ApiError (403/409
 * naming the missing gate); defineAction turns it into the form state the control shows beside itself.
 */
import { revalidatePath } from 'next/cache'
import { defineAction, type FormState } from '../auth/guard'
import {
  ChangeRequestRef,
  ComplianceForm,
  CreateFlagForm,
  EditChangeRequestForm,
  FlagEnvironmentRef,
  KillSwitchForm,
  PauseRolloutForm,
  RejectChangeRequestForm,
  RollbackForm,
  StartRolloutForm,
  UpdateEnvironmentForm,
  UpdateFlagForm,
} from './action-schema'
import { GATE_LABELS } from './gates'
import { ENVIRONMENT_LABELS, type ChangeOutcome } from './schema'
import { applyChangeRequest, approveChangeRequest, editChangeRequest, rejectChangeRequest } from './commands/change-requests'
import { recordCompliance } from './commands/compliance'
import { setKillSwitch, updateEnvironment } from './commands/environments'
import { createFlag, updateFlag } from './commands/flags'
import { pauseRollout, resumeRollout, rollbackNow, startRollout } from './commands/rollouts'

function refresh(): void {
  // The list, every flag page and the experiments read the same rows.
  revalidatePath('/flags', 'layout')
}

/** A change either applied now or waits for a second person: say which. */
function outcomeState(outcome: ChangeOutcome, done: string): FormState<ChangeOutcome> {
  if (outcome.applied) return { ok: true, status: 200, message: done, data: outcome }
  return {
    ok: true,
    status: 202,
    message: `Waiting for approval: this production change to a gated flag needs ${GATE_LABELS.four_eyes}. A change request was created.`,
    data: outcome,
  }
}

export const createFlagAction = defineAction('flag:edit', CreateFlagForm, async (input, { actor }): Promise<FormState<{ key: string }>> => {
  const flag = await createFlag(actor, input)
  refresh()
  return { ok: true, status: 201, message: `Flag ${flag.key} was created, off in every environment.`, data: { key: flag.key } }
})

export const updateFlagAction = defineAction('flag:edit', UpdateFlagForm, async ({ flagKey, ...input }, { actor }) => {
  // On a gated flag, changing tags, category, guarded SLOs or lifecycle is a production change (4-eyes).
  const outcome = await updateFlag(actor, flagKey, input)
  refresh()
  return outcomeState(outcome, 'Details saved.')
})

export const updateEnvironmentAction = defineAction('flag:edit', UpdateEnvironmentForm, async ({ flagKey, environment, config }, { actor }) => {
  const outcome = await updateEnvironment(actor, flagKey, environment, config)
  refresh()
  return outcomeState(outcome, `${ENVIRONMENT_LABELS[environment]} configuration saved; evaluations use it within seconds.`)
})

export const setKillSwitchAction = defineAction('flag:emergency', KillSwitchForm, async ({ flagKey, environment, killed }, { actor }) => {
  const outcome = await setKillSwitch(actor, flagKey, environment, killed)
  refresh()
  return outcomeState(
    outcome,
    killed
      ? `Kill switch on: ${ENVIRONMENT_LABELS[environment].toLowerCase()} serves the off variant to everyone.`
      : `Kill switch off: ${ENVIRONMENT_LABELS[environment].toLowerCase()} follows its rules again.`,
  )
})

export const startRolloutAction = defineAction('flag:edit', StartRolloutForm, async ({ flagKey, environment, ...plan }, { actor }) => {
  const outcome = await startRollout(actor, flagKey, environment, plan)
  refresh()
  return outcomeState(outcome, `Rollout of ${plan.variant} started at ${plan.stages[0]}%.`)
})

export const pauseRolloutAction = defineAction('flag:emergency', PauseRolloutForm, async ({ flagKey, environment, reason }, { actor }) => {
  await pauseRollout(actor, flagKey, environment, reason)
  refresh()
  return { ok: true, status: 200, message: 'Rollout paused: it stays at its current percentage until resumed.' }
})

export const resumeRolloutAction = defineAction('flag:edit', FlagEnvironmentRef, async ({ flagKey, environment }, { actor }) => {
  const outcome = await resumeRollout(actor, flagKey, environment)
  refresh()
  return outcomeState(outcome, 'Rollout resumed: the next stage follows once the guarded SLOs stay healthy.')
})

export const rollbackNowAction = defineAction('flag:emergency', RollbackForm, async ({ flagKey, environment, reason }, { actor }) => {
  await rollbackNow(actor, flagKey, environment, reason || 'Rolled back by hand')
  refresh()
  return { ok: true, status: 200, message: 'Rolled back: the rollout serves 0% from now on.' }
})

export const recordComplianceAction = defineAction('flag:compliance', ComplianceForm, async ({ flagKey, ...input }, { actor }) => {
  await recordCompliance(actor, flagKey, input)
  refresh()
  return { ok: true, status: 201, message: `${GATE_LABELS[input.kind][0]!.toUpperCase()}${GATE_LABELS[input.kind].slice(1)} recorded.` }
})

export const approveChangeRequestAction = defineAction('flag:approve', ChangeRequestRef, async ({ id }, { actor }) => {
  // The command refuses (409) the requester's own request: 4-eyes means a second person.
  await approveChangeRequest(actor, id)
  refresh()
  return { ok: true, status: 200, message: 'Approved. It can now be applied.' }
})

export const rejectChangeRequestAction = defineAction('flag:approve', RejectChangeRequestForm, async ({ id, reason }, { actor }) => {
  await rejectChangeRequest(actor, id, reason || undefined)
  refresh()
  return { ok: true, status: 200, message: 'Rejected. Nothing was changed.' }
})

export const withdrawChangeRequestAction = defineAction('flag:emergency', ChangeRequestRef, async ({ id }, { actor }) => {
  // The command lets only the requester withdraw, with the permission of the change (flag:edit unless it is
  // the kill switch: schema.ts changePermission); anyone else needs flag:approve (reject).
  await rejectChangeRequest(actor, id, 'Withdrawn by the requester')
  refresh()
  return { ok: true, status: 200, message: 'Withdrawn. Nothing was changed.' }
})

export const editChangeRequestAction = defineAction('flag:edit', EditChangeRequestForm, async ({ id, payload, reason }, { actor }) => {
  const { voidedApproval } = await editChangeRequest(actor, id, payload, reason || undefined)
  refresh()
  return {
    ok: true,
    status: 200,
    message: voidedApproval ? 'Request changed. Its approval was voided: it needs approving again.' : 'Request changed; it still waits for approval.',
  }
})

// flag:emergency lets operations apply an approved kill-switch change; the command requires flag:edit for any other.
export const applyChangeRequestAction = defineAction('flag:emergency', ChangeRequestRef, async ({ id }, { actor }) => {
  await applyChangeRequest(actor, id)
  refresh()
  return { ok: true, status: 200, message: 'Applied: evaluations use the change within seconds.' }
})
