'use server'
/** Server actions of the item page's evidence and score panels: link, unlink, override, clear; each applies the evidence again. */
import { revalidatePath } from 'next/cache'
import { defineAction } from '../auth/guard'
import { db } from '../db'
import { INPUT_LABELS } from './evidence'
import { ClearOverrideInput, LinkEvidenceByRefInput, LinkEvidenceInput, OverrideInput } from './evidence-schema'
import type { InputsWritten } from './input-writes'
import { linkEvidence, resolveEvidenceRef, unlinkEvidence } from './link-commands'
import { applyEvidence, clearOverride, overrideInput } from './override-commands'

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const moved = (w: InputsWritten) =>
  Object.entries(w.changes)
    .map(([k, c]) => `${INPUT_LABELS[k as keyof typeof INPUT_LABELS].replace(/ \(.*\)$/, '').toLowerCase()} ${c!.to}`)
    .join(', ')

export const linkEvidenceAction = defineAction('roadmap:edit', LinkEvidenceByRefInput, async (input, { actor }) => {
  const targetId = await resolveEvidenceRef(db, input.kind, input.ref)
  const link = await linkEvidence(actor, { itemId: input.itemId, kind: input.kind, targetId })
  const applied = await applyEvidence(actor, input.itemId)
  revalidatePath('/roadmap', 'layout')
  const seeded = moved(applied)
  return { ok: true, status: 201, message: `${capital(link.label)} linked.${seeded ? ` The evidence sets ${seeded}.` : ' No input moved.'}`, data: { version: applied.version } }
})

export const unlinkEvidenceAction = defineAction('roadmap:edit', LinkEvidenceInput, async (input, { actor }) => {
  const link = await unlinkEvidence(actor, input)
  const applied = await applyEvidence(actor, input.itemId)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 200, message: link.changed ? `${capital(link.label)} unlinked.` : `${capital(link.label)} was not linked.`, data: { version: applied.version } }
})

export const overrideInputAction = defineAction('roadmap:edit', OverrideInput, async (input, { actor }) => {
  const r = await overrideInput(actor, input)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 200, message: `${INPUT_LABELS[input.input]} overridden: ${input.value}. Your reason is recorded.`, data: { version: r.version } }
})

export const clearOverrideAction = defineAction('roadmap:edit', ClearOverrideInput, async (input, { actor }) => {
  const r = await clearOverride(actor, input)
  revalidatePath('/roadmap', 'layout')
  return { ok: true, status: 200, message: r.cleared ? `${INPUT_LABELS[input.input]} follows the evidence again.` : 'There was no override to clear.', data: { version: r.version } }
})
