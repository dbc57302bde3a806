'use server'
/** Server actions of the roadmap's items: validate, call the command (authorise, write, audit), revalidate, say what happened. */
import { revalidatePath } from 'next/cache'
import { defineAction } from '../auth/guard'
import { createItem, moveItem, setScoreInputs, updateItem } from './commands'
import { itemRef, STAGE_LABELS } from './model'
import { addRisk, removeRisk, setDependency } from './parts-commands'
import { DependencyInput, ItemInput, ItemUpdateInput, MoveInput, RiskInput, RiskRemoveInput, ScoreInputs } from './schema'

export const createItemAction = defineAction('roadmap:edit', ItemInput, async (input, { actor }) => {
  const item = await createItem(actor, input)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 201, message: `${itemRef(item.number)} is on the board, at the top of ${STAGE_LABELS[item.stage]}.`, data: { id: item.id, number: item.number, version: item.version } }
})

export const updateItemAction = defineAction('roadmap:edit', ItemUpdateInput, async (input, { actor }) => {
  const item = await updateItem(actor, input)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 200, message: `${itemRef(item.number)} saved.`, data: { version: item.version } }
})

export const setScoreInputsAction = defineAction('roadmap:edit', ScoreInputs, async (input, { actor }) => {
  const item = await setScoreInputs(actor, input)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 200, message: `${itemRef(item.number)}’s scores saved.`, data: { version: item.version, riceScore: item.riceScore, clinicalScore: item.clinicalScore } }
})

export const moveItemAction = defineAction('roadmap:edit', MoveInput, async (input, { actor }) => {
  const item = await moveItem(actor, input)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 200, message: `${itemRef(item.number)} is in ${STAGE_LABELS[item.stage]} now.`, data: { version: item.version, stage: item.stage, rank: item.rank } }
})

export const setDependencyAction = defineAction('roadmap:edit', DependencyInput, async (input, { actor }) => {
  const item = await setDependency(actor, input)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 200, message: input.remove ? 'Dependency removed.' : 'Dependency added.', data: { version: item.version } }
})

export const addRiskAction = defineAction('roadmap:edit', RiskInput, async (input, { actor }) => {
  const item = await addRisk(actor, input)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 201, message: 'Risk added.', data: { version: item.version } }
})

export const removeRiskAction = defineAction('roadmap:edit', RiskRemoveInput, async (input, { actor }) => {
  const item = await removeRisk(actor, input)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 200, message: 'Risk removed.', data: { version: item.version } }
})
