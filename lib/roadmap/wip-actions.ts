'use server'
/** The board's WIP limits form. */
import { revalidatePath } from 'next/cache'
import { defineAction } from '../auth/guard'
import { WipLimitsInput } from './schema'
import { setWipLimits } from './wip-commands'

export const setWipLimitsAction = defineAction('roadmap:edit', WipLimitsInput, async (input, { actor }) => {
  const limits = await setWipLimits(actor, input)
  revalidatePath('/roadmap', 'layout')
  const set = Object.values(limits).filter((v) => v !== null).length
  return { ok: true, status: 200, message: set === 0 ? 'WIP limits cleared: no column warns.' : `WIP limits saved for ${set} column${set === 1 ? '' : 's'}; a column over its limit is marked on the board.` }
})
