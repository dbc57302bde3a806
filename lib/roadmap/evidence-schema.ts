/**
 * Inputs of the evidence links and the input overrides (client-safe): shared by the forms, the actions and
 * the commands. Reasons are accepted here and redacted by the commands.
 */
import { z } from 'zod'
import { SCORING_INPUTS } from './evidence'
import { validInputValue } from './input-values'

export const LINK_KINDS = ['feedback', 'insight', 'competitor_threat', 'incident'] as const
export type LinkKind = (typeof LINK_KINDS)[number]
export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  feedback: 'Feedback item',
  insight: 'Analytics insight',
  competitor_threat: 'Competitor threat',
  incident: 'Incident',
}

export const MAX_REASON = 1000

export const LinkEvidenceInput = z.object({
  itemId: z.uuid('Choose a roadmap item'),
  kind: z.enum(LINK_KINDS, { error: 'Choose a kind of evidence' }),
  targetId: z.uuid('Choose the evidence to link'),
})
export type LinkEvidenceInput = z.infer<typeof LinkEvidenceInput>

/**
 * The link form names evidence the way people do: FB-12, INC-4, or a capability key / insight id. The
 * action resolves it to an id (link-commands.ts resolveEvidenceRef).
 */
export const LinkEvidenceByRefInput = z.object({
  itemId: z.uuid('Choose a roadmap item'),
  kind: z.enum(LINK_KINDS, { error: 'Choose a kind of evidence' }),
  ref: z.string().trim().min(1, 'Name the evidence, e.g. FB-12').max(200, 'At most 200 characters'),
})
export type LinkEvidenceByRefInput = z.infer<typeof LinkEvidenceByRefInput>

export const OverrideInput = z
  .object({
    itemId: z.uuid('Choose a roadmap item'),
    input: z.enum(SCORING_INPUTS, { error: 'Choose an input' }),
    value: z.coerce.number({ error: 'Give a number' }).refine(Number.isFinite, 'Give a number'),
    reason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(MAX_REASON, `At most ${MAX_REASON} characters`),
    version: z.coerce.number().int().min(1),
  })
  .superRefine((v, ctx) => {
    const problem = validInputValue(v.input, v.value)
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem })
  })
export type OverrideInput = z.infer<typeof OverrideInput>

export const ClearOverrideInput = z.object({
  itemId: z.uuid('Choose a roadmap item'),
  input: z.enum(SCORING_INPUTS, { error: 'Choose an input' }),
  version: z.coerce.number().int().min(1),
})
export type ClearOverrideInput = z.infer<typeof ClearOverrideInput>
