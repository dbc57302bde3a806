'use server'
/** Server actions of the competitor matrix: validate, call the command (authorise, write, audit), revalidate, say what happened. */
import { revalidatePath } from 'next/cache'
import { defineAction } from '../auth/guard'
import { recordCellEvidence } from './commands'
import { CellEvidenceInput } from './schema'

export const recordCellEvidenceAction = defineAction('competitor:edit', CellEvidenceInput, async (input, { actor }) => {
  const r = await recordCellEvidence(actor, input)
  revalidatePath('/competitors', 'layout')
  const link = r.threatLink ? (r.threatLink.created ? ' Its threat is high now: a roadmap link was recorded.' : ' Its roadmap link was brought up to date.') : ''
  const message = r.applied
    ? `Evidence recorded; the cell is ${r.status} now.${link}`
    : `Evidence recorded in the history; the cell stays ${r.status}, which rests on newer evidence.${link}`
  return { ok: true, status: 201, message, data: { version: r.version } }
})
