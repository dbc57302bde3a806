'use server'
/** Server actions of the probes page: each adapts its form to a command (commands.ts) with defineAction, then revalidates. */
import { revalidatePath } from 'next/cache'
import { defineAction, type FormState } from '../auth/guard'
import { checkProbeNow, deleteProbe, saveProbe, setProbeEnabled } from './commands'
import { ProbeEnabledInput, ProbeForm, ProbeIdInput } from './schema'

const PATH = '/incidents/probes'

export const saveProbeAction = defineAction('probe:manage', ProbeForm, async (input, { actor }): Promise<FormState<{ id: string }>> => {
  const { id, created } = await saveProbe(actor, input)
  revalidatePath(PATH)
  return { ok: true, status: created ? 201 : 200, message: created ? `Probe ${input.name} was added; it runs within a minute.` : `Probe ${input.name} was saved.`, data: { id } }
})

export const setProbeEnabledAction = defineAction('probe:manage', ProbeEnabledInput, async ({ id, enabled }, { actor }) => {
  const { name, changed } = await setProbeEnabled(actor, id, enabled)
  revalidatePath(PATH)
  const state = enabled ? 'enabled' : 'paused'
  return { ok: true, status: 200, message: changed ? `${name} is now ${state}.` : `${name} was already ${state}.` }
})

export const deleteProbeAction = defineAction('probe:manage', ProbeIdInput, async ({ id }, { actor }) => {
  const { name } = await deleteProbe(actor, id)
  revalidatePath(PATH)
  return { ok: true, status: 200, message: `Probe ${name} was deleted.` }
})

export const checkProbeNowAction = defineAction('probe:manage', ProbeIdInput, async ({ id }, { actor }) => {
  const { name, result } = await checkProbeNow(actor, id)
  revalidatePath(PATH)
  return {
    ok: true,
    status: 200,
    message: result.up ? `${name} is up (${result.statusCode}, ${result.latencyMs} ms).` : `${name} failed: ${result.error ?? 'unexpected response'}.`,
  }
})
