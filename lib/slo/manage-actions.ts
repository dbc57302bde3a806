'use server'
/**
 * Server actions of the SLO management page (/slo/manage): create, edit, archive, restore, and apply an
 * OpenSLO file pasted or uploaded. Each adapts its input to a command (manage.ts: authorise, write and
 * audit in one transaction) with defineAction('slo:manage', …), then revalidates the SLO pages.
 */
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { defineAction } from '@/lib/auth/guard'
import { SloRef, SloSpec } from './definition'
import { applyOpenSlo, archiveSlo, createSlo, restoreSlo, updateSlo, type ApplyOutcome } from './manage'
import { formatIssue, parseOpenSlo } from './openslo'
import { applySummary } from './openslo-words'

function revalidateSlos(key?: string): void {
  revalidatePath('/slo')
  revalidatePath('/slo/manage')
  if (key) revalidatePath(`/slo/${key}`)
}

export const createSloAction = defineAction('slo:manage', SloSpec, async (spec, { actor }) => {
  const slo = await createSlo(actor, spec)
  revalidateSlos(slo.key)
  return { ok: true, status: 201, message: `Objective ${slo.name} was created.` }
})

export const updateSloAction = defineAction('slo:manage', SloSpec, async (spec, { actor }) => {
  const { slo, changed } = await updateSlo(actor, spec)
  revalidateSlos(slo.key)
  return { ok: true, status: 200, message: changed.length ? `Objective ${slo.name} was saved.` : `Nothing changed in ${slo.name}.` }
})

export const archiveSloAction = defineAction('slo:manage', SloRef, async ({ key }, { actor }) => {
  const { slo, changed } = await archiveSlo(actor, key)
  revalidateSlos(key)
  return { ok: true, status: 200, message: changed ? `Objective ${slo.name} was archived; its history is kept.` : `${slo.name} was already archived.` }
})

export const restoreSloAction = defineAction('slo:manage', SloRef, async ({ key }, { actor }) => {
  const { slo, changed } = await restoreSlo(actor, key)
  revalidateSlos(key)
  return { ok: true, status: 200, message: changed ? `Objective ${slo.name} was restored.` : `${slo.name} was not archived.` }
})

// Not exported: a 'use server' module may export async functions only.
const OpenSloText = z.object({
  text: z.string().trim().min(1, 'Paste or upload an OpenSLO file').max(1_000_000, 'The file is larger than 1 MB'),
})

export const applyOpenSloAction = defineAction('slo:manage', OpenSloText, async ({ text }, { actor }) => {
  const parsed = parseOpenSlo(text)
  const warnings = parsed.warnings.map(formatIssue)
  if (!parsed.ok) {
    const errors = parsed.errors.map(formatIssue)
    return { ok: false, status: 422, message: `The file was not applied: ${errors[0]}`, fieldErrors: { text: errors }, data: { outcomes: [] as ApplyOutcome[], warnings } }
  }
  const result = await applyOpenSlo(actor, parsed.slos)
  if (!result.ok) {
    const errors = result.errors.map(formatIssue)
    return { ok: false, status: 422, message: `The file was not applied: ${errors[0]}`, fieldErrors: { text: errors }, data: { outcomes: [] as ApplyOutcome[], warnings } }
  }
  revalidateSlos()
  return { ok: true, status: 200, message: applySummary(result.outcomes), data: { outcomes: result.outcomes, warnings } }
})
