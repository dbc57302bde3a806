'use server'
/** Server actions of the watch and its review queue: validate, call the command (authorise, write, audit), revalidate, say what happened. */
import { revalidatePath } from 'next/cache'
import { defineAction } from '../auth/guard'
import { acceptChangeAsPrice, acceptChangeAsSwot, acceptChangeIntoCell, addWatchSource, dismissChange, removeWatchSource, setWatchSourceActive } from './watch-commands'
import { AcceptAsPriceInput, AcceptAsSwotInput, AcceptIntoCellInput, DismissChangeInput, WatchSourceActiveInput, WatchSourceInput, WatchSourceRef } from './watch-schema'

const refresh = () => revalidatePath('/competitors', 'layout')

export const acceptIntoCellAction = defineAction('competitor:edit', AcceptIntoCellInput, async (input, { actor }) => {
  const r = await acceptChangeIntoCell(actor, input)
  refresh()
  const link = r.threatLink?.created ? ' Its threat is high now: a roadmap link was recorded.' : ''
  return { ok: true, status: 201, message: r.applied ? `Accepted: the cell is ${r.status} now.${link}` : `Accepted into the history; the cell stays ${r.status}, which rests on newer evidence.${link}` }
})

export const acceptAsPriceAction = defineAction('competitor:edit', AcceptAsPriceInput, async (input, { actor }) => {
  await acceptChangeAsPrice(actor, input)
  refresh()
  return { ok: true, status: 201, message: 'Accepted: the price was recorded.' }
})

export const acceptAsSwotAction = defineAction('competitor:edit', AcceptAsSwotInput, async (input, { actor }) => {
  await acceptChangeAsSwot(actor, input)
  refresh()
  return { ok: true, status: 201, message: 'Accepted: the SWOT item was added.' }
})

export const dismissChangeAction = defineAction('competitor:edit', DismissChangeInput, async (input, { actor }) => {
  await dismissChange(actor, input)
  refresh()
  return { ok: true, message: 'Dismissed.' }
})

export const addWatchSourceAction = defineAction('competitor:edit', WatchSourceInput, async (input, { actor }) => {
  await addWatchSource(actor, input)
  refresh()
  return { ok: true, status: 201, message: 'Source added: the next competitor-watch run takes its baseline.' }
})

export const removeWatchSourceAction = defineAction('competitor:edit', WatchSourceRef, async (input, { actor }) => {
  await removeWatchSource(actor, input)
  refresh()
  return { ok: true, message: 'Source removed.' }
})

export const setWatchSourceActiveAction = defineAction('competitor:edit', WatchSourceActiveInput, async (input, { actor }) => {
  await setWatchSourceActive(actor, input)
  refresh()
  return { ok: true, message: input.active ? 'Source resumed: the next run checks it.' : 'Source paused: the job skips it until it is resumed.' }
})
