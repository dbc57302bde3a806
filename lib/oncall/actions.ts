'use server'
/**
 * Server actions of the on-call page: schedules, overrides, escalation policies, maintenance windows.
 * Each adapts its form to a command (commands.ts: authorise, write and audit in one transaction) with
 * defineAction('oncall:manage', …), then revalidates the page and says what happened.
 */
import { revalidatePath } from 'next/cache'
import { defineAction } from '@/lib/auth/guard'
import {
  addOverride,
  createEscalationPolicy,
  createMaintenanceWindow,
  createSchedule,
  deleteSchedule,
  endMaintenanceWindow,
  removeOverride,
  updateEscalationPolicy,
  updateSchedule,
} from './commands'
import { archiveMaintenanceSchedule, createMaintenanceSchedule, updateMaintenanceSchedule } from './maintenance-schedules'
import {
  EscalationPolicyInput,
  MaintenanceInput,
  MaintenanceRef,
  MaintenanceScheduleInput,
  MaintenanceScheduleRef,
  UpdateMaintenanceScheduleInput,
  OverrideInput,
  OverrideRef,
  ScheduleInput,
  ScheduleRef,
  UpdateEscalationPolicyInput,
  UpdateScheduleInput,
} from './schema'

const ONCALL_PATH = '/oncall'

export const createScheduleAction = defineAction('oncall:manage', ScheduleInput, async (input, { actor }) => {
  const schedule = await createSchedule(actor, input)
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 201, message: `Schedule ${schedule.name} was created.` }
})

export const updateScheduleAction = defineAction('oncall:manage', UpdateScheduleInput, async (input, { actor }) => {
  const schedule = await updateSchedule(actor, input)
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 200, message: `Schedule ${schedule.name} was saved.` }
})

export const deleteScheduleAction = defineAction('oncall:manage', ScheduleRef, async ({ scheduleId }, { actor }) => {
  const name = await deleteSchedule(actor, scheduleId)
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 200, message: `Schedule ${name} was deleted.` }
})

export const addOverrideAction = defineAction('oncall:manage', OverrideInput, async (input, { actor }) => {
  await addOverride(actor, input)
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 201, message: 'The override was added.' }
})

export const removeOverrideAction = defineAction('oncall:manage', OverrideRef, async ({ overrideId }, { actor }) => {
  await removeOverride(actor, overrideId)
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 200, message: 'The override was removed.' }
})

export const createEscalationPolicyAction = defineAction('oncall:manage', EscalationPolicyInput, async (input, { actor }) => {
  const policy = await createEscalationPolicy(actor, input)
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 201, message: `Escalation policy ${policy.name} was created.` }
})

export const updateEscalationPolicyAction = defineAction('oncall:manage', UpdateEscalationPolicyInput, async (input, { actor }) => {
  const policy = await updateEscalationPolicy(actor, input)
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 200, message: `Escalation policy ${policy.name} was saved.` }
})

/** Maintenance changes what the incident board shows (muted incidents), so it is revalidated too. */
function revalidateMaintenance(): void {
  revalidatePath(ONCALL_PATH)
  revalidatePath('/incidents')
}

export const createMaintenanceAction = defineAction('oncall:manage', MaintenanceInput, async (input, { actor }) => {
  await createMaintenanceWindow(actor, input)
  revalidateMaintenance()
  return { ok: true, status: 201, message: 'The maintenance window was scheduled; incidents opened during it are muted.' }
})

export const endMaintenanceAction = defineAction('oncall:manage', MaintenanceRef, async ({ windowId }, { actor }) => {
  const { outcome } = await endMaintenanceWindow(actor, windowId)
  revalidateMaintenance()
  return { ok: true, status: 200, message: outcome === 'cancelled' ? 'The maintenance window was cancelled.' : 'The maintenance window was ended.' }
})

const windowsMade = (n: number) => (n === 1 ? '1 window' : `${n} windows`)

export const createMaintenanceScheduleAction = defineAction('oncall:manage', MaintenanceScheduleInput, async (input, { actor }) => {
  const { windows } = await createMaintenanceSchedule(actor, input)
  revalidateMaintenance()
  return { ok: true, status: 201, message: `The recurring maintenance was saved: ${windowsMade(windows)} in the next 30 days.` }
})

export const updateMaintenanceScheduleAction = defineAction('oncall:manage', UpdateMaintenanceScheduleInput, async (input, { actor }) => {
  const { windows } = await updateMaintenanceSchedule(actor, input)
  revalidateMaintenance()
  return { ok: true, status: 200, message: `The recurring maintenance was changed: ${windowsMade(windows)} in the next 30 days.` }
})

export const archiveMaintenanceScheduleAction = defineAction('oncall:manage', MaintenanceScheduleRef, async ({ scheduleId }, { actor }) => {
  const { removed, inProgress } = await archiveMaintenanceSchedule(actor, scheduleId)
  revalidateMaintenance()
  const running = inProgress > 0 ? ' The window in progress runs to its end; end it below if needed.' : ''
  return { ok: true, status: 200, message: `The recurring maintenance was archived; ${windowsMade(removed)} not yet started removed.${running}` }
})
