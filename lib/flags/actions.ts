'use server'
/**
 * Server actions of the feature-flag pages. Each is built with defineAction (validate → authorise → run);
 * the run calls lib/flags/service.ts, which enforces the compliance gates and 4-eyes on the server, writes
 * and audits. A refused change comes back as an ApiError (403/409 naming the missing gate); defineAction
 * turns it into the form state that the control shows beside itself.
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
import type { ChangeOutcome, Environment } from './schema'
import {
  applyChangeRequest,
  approveChangeRequest,
  createFlag,
  editChangeRequest,
  pauseRollout,
  recordCompliance,
  rejectChangeRequest,
  resumeRollout,
  rollbackNow,
  setKillSwitch,
  startRollout,
  updateEnvironment,
  updateFlag,
} from './service'

const ENV_LABEL: Record<Environment, string> = { development: 'Development', staging: 'Staging', production: 'Production' }

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
  const flag = await createFlag(input, actor)
  refresh()
  return { ok: true, status: 201, message: `Flag ${flag.key} was created, off in every environment.`, data: { key: flag.key } }
})

export const updateFlagAction = defineAction('flag:edit', UpdateFlagForm, async ({ flagKey, ...input }, { actor }) => {
  // On a gated flag, changing tags, category, guarded SLOs or lifecycle is a production change (4-eyes).
  const outcome = await updateFlag(flagKey, input, actor)
  refresh()
  return outcomeState(outcome, 'Details saved.')
})

export const updateEnvironmentAction = defineAction('flag:edit', UpdateEnvironmentForm, async ({ flagKey, environment, config }, { actor }) => {
  const outcome = await updateEnvironment(flagKey, environment, config, actor)
  refresh()
  return outcomeState(outcome, `${ENV_LABEL[environment]} configuration saved; evaluations use it within seconds.`)
})

export const setKillSwitchAction = defineAction('flag:edit', KillSwitchForm, async ({ flagKey, environment, killed }, { actor }) => {
  const outcome = await setKillSwitch(flagKey, environment, killed, actor)
  refresh()
  return outcomeState(
    outcome,
    killed
      ? `Kill switch on: ${ENV_LABEL[environment].toLowerCase()} serves the off variant to everyone.`
      : `Kill switch off: ${ENV_LABEL[environment].toLowerCase()} follows its rules again.`,
  )
})

export const startRolloutAction = defineAction('flag:edit', StartRolloutForm, async ({ flagKey, environment, ...plan }, { actor }) => {
  const outcome = await startRollout(flagKey, environment, plan, actor)
  refresh()
  return outcomeState(outcome, `Rollout of ${plan.variant} started at ${plan.stages[0]}%.`)
})

export const pauseRolloutAction = defineAction('flag:edit', PauseRolloutForm, async ({ flagKey, environment, reason }, { actor }) => {
  await pauseRollout(flagKey, environment, reason, actor)
  refresh()
  return { ok: true, status: 200, message: 'Rollout paused: it stays at its current percentage until resumed.' }
})

export const resumeRolloutAction = defineAction('flag:edit', FlagEnvironmentRef, async ({ flagKey, environment }, { actor }) => {
  const outcome = await resumeRollout(flagKey, environment, actor)
  refresh()
  return outcomeState(outcome, 'Rollout resumed: the next stage follows once the guarded SLOs stay healthy.')
})

export const rollbackNowAction = defineAction('flag:edit', RollbackForm, async ({ flagKey, environment, reason }, { actor }) => {
  await rollbackNow(flagKey, environment, reason || 'Rolled back by hand', actor)
  refresh()
  return { ok: true, status: 200, message: 'Rolled back: the rollout serves 0% from now on.' }
})

export const recordComplianceAction = defineAction('flag:compliance', ComplianceForm, async ({ flagKey, ...input }, { actor }) => {
  await recordCompliance(flagKey, input, actor)
  refresh()
  return { ok: true, status: 201, message: `${GATE_LABELS[input.kind][0]!.toUpperCase()}${GATE_LABELS[input.kind].slice(1)} recorded.` }
})

export const approveChangeRequestAction = defineAction('flag:approve', ChangeRequestRef, async ({ id }, { user }) => {
  // The service refuses (409) the requester's own request: 4-eyes means a second person.
  await approveChangeRequest(id, user)
  refresh()
  return { ok: true, status: 200, message: 'Approved. It can now be applied.' }
})

export const rejectChangeRequestAction = defineAction('flag:approve', RejectChangeRequestForm, async ({ id, reason }, { user }) => {
  await rejectChangeRequest(id, user, reason || undefined)
  refresh()
  return { ok: true, status: 200, message: 'Rejected. Nothing was changed.' }
})

export const withdrawChangeRequestAction = defineAction('flag:edit', ChangeRequestRef, async ({ id }, { user }) => {
  // The service lets only the requester withdraw with flag:edit; anyone else needs flag:approve (reject).
  await rejectChangeRequest(id, user, 'Withdrawn by the requester')
  refresh()
  return { ok: true, status: 200, message: 'Withdrawn. Nothing was changed.' }
})

export const editChangeRequestAction = defineAction('flag:edit', EditChangeRequestForm, async ({ id, payload, reason }, { user }) => {
  const { voidedApproval } = await editChangeRequest(id, payload, user, reason || undefined)
  refresh()
  return {
    ok: true,
    status: 200,
    message: voidedApproval ? 'Request changed. Its approval was voided: it needs approving again.' : 'Request changed; it still waits for approval.',
  }
})

export const applyChangeRequestAction = defineAction('flag:edit', ChangeRequestRef, async ({ id }, { user }) => {
  await applyChangeRequest(id, user)
  refresh()
  return { ok: true, status: 200, message: 'Applied: evaluations use the change within seconds.' }
})
