'use server'
/** Server actions of the release checklist and the capacity page: validate, call the command (authorise, write, audit), revalidate, say what happened. */
import { revalidatePath } from 'next/cache'
import { defineAction } from '../auth/guard'
import { setCapacity } from './capacity-commands'
import { linkFlag, setGateCheck } from './gate-commands'
import { CapacityInput, GateCheckInput, LinkFlagInput } from './gate-schema'
import { GATE_LABELS } from './pipelines'

export const setGateCheckAction = defineAction('roadmap:edit', GateCheckInput, async (input, { actor }) => {
  const r = await setGateCheck(actor, input)
  revalidatePath('/roadmap', 'layout')
  const label = GATE_LABELS[input.gate].label
  return { ok: true, status: 200, message: r.done ? `${label} is done.` : `${label} is open again.`, data: { version: r.version } }
})

export const linkFlagAction = defineAction('roadmap:edit', LinkFlagInput, async (input, { actor }) => {
  const r = await linkFlag(actor, input)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 200, message: r.flagKey ? `Flag ${r.flagKey} is linked; the flag gate follows its production rollout.` : 'The flag is unlinked.', data: { version: r.version } }
})

export const setCapacityAction = defineAction('roadmap:edit', CapacityInput, async (input, { actor }) => {
  const r = await setCapacity(actor, input)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 200, message: `Capacity for ${r.quarter} is ${r.personWeeks} person-weeks.` }
})
