'use server'
/** Server actions of the competitor matrix: validate, call the command (authorise, write, audit), revalidate, say what happened. */
import { revalidatePath } from 'next/cache'
import { defineAction } from '../auth/guard'
import { recordCellEvidence, updateThreatSettings } from './commands'
import { createCapability, createCompetitor, setCompetitorArchived } from './catalogue-commands'
import { ArchiveCompetitorInput, CapabilityInput, CellEvidenceInput, CompetitorInput, ThreatSettingsInput } from './schema'

export const recordCellEvidenceAction = defineAction('competitor:edit', CellEvidenceInput, async (input, { actor }) => {
  const r = await recordCellEvidence(actor, input)
  revalidatePath('/competitors', 'layout')
  const link = r.threatLink ? (r.threatLink.created ? ' Its threat is high now: a roadmap link was recorded.' : ' Its roadmap link was brought up to date.') : ''
  const message = r.applied
    ? `Evidence recorded; the cell is ${r.status} now.${link}`
    : `Evidence recorded in the history; the cell stays ${r.status}, which rests on newer evidence.${link}`
  return { ok: true, status: 201, message, data: { version: r.version } }
})

export const updateThreatSettingsAction = defineAction('competitor:edit', ThreatSettingsInput, async (input, { actor }) => {
  await updateThreatSettings(actor, input)
  revalidatePath('/competitors', 'layout')
  return { ok: true, status: 200, message: 'Threat settings saved. Every threat level on the matrix uses them now.' }
})

export const createCompetitorAction = defineAction('competitor:edit', CompetitorInput, async (input, { actor }) => {
  await createCompetitor(actor, input)
  revalidatePath('/competitors', 'layout')
  return { ok: true, status: 201, message: `${input.name} joins the matrix; its cells are unknown until evidence is recorded.` }
})

export const setCompetitorArchivedAction = defineAction('competitor:edit', ArchiveCompetitorInput, async (input, { actor }) => {
  const r = await setCompetitorArchived(actor, input)
  revalidatePath('/competitors', 'layout')
  return { ok: true, status: 200, message: input.archived ? `${r.name} left the matrix; its evidence is kept.` : `${r.name} is back in the matrix.` }
})

export const createCapabilityAction = defineAction('competitor:edit', CapabilityInput, async (input, { actor }) => {
  await createCapability(actor, input)
  revalidatePath('/competitors', 'layout')
  return { ok: true, status: 201, message: `${input.name} is in the taxonomy; every product's cell for it is unknown until evidence is recorded.` }
})
