/**
 * Release-gate and capacity inputs as zod schemas (client-safe), shared by forms, actions and commands.
 * Notes are accepted here and redacted by the commands.
 */
import { z } from 'zod'
import { QUARTER_PATTERN } from './model'
import { GATES } from './pipelines'

const trimmedOrUndefined = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v)

/** A checkbox or a boolean: 'on' / 'true' / true tick, anything else unticks. */
const Tick = z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean())

const EvidenceUrl = z.preprocess(
  trimmedOrUndefined,
  z
    .string()
    .max(2000, 'At most 2,000 characters')
    .refine((u) => /^https?:\/\/[^\s]+$/i.test(u) && URL.canParse(u), 'An http(s) address of the document or ticket')
    .optional(),
)

/** Tick or untick one release gate of an item, with where its proof is. */
export const GateCheckInput = z.object({
  itemId: z.uuid('Choose an item'),
  gate: z.enum(GATES, 'Choose a release gate'),
  done: Tick,
  evidenceUrl: EvidenceUrl,
  note: z.preprocess(trimmedOrUndefined, z.string().max(2000, 'At most 2,000 characters').optional()),
})
export type GateCheckInput = z.infer<typeof GateCheckInput>

/** Link the feature flag that ships an item (or unlink with null / ''); `version` is the item's as the form saw it. */
export const LinkFlagInput = z.object({
  itemId: z.uuid('Choose an item'),
  flagKey: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v), z.string().max(200, 'At most 200 characters').nullable()),
  version: z.coerce.number({ error: 'The item version is missing; reload the page' }).int().min(1),
})
export type LinkFlagInput = z.infer<typeof LinkFlagInput>

export const Quarter = z.string().trim().regex(QUARTER_PATTERN, 'A quarter like 2027-Q1')

/** A team's capacity in a quarter, in person-weeks. */
export const CapacityInput = z.object({
  quarter: Quarter,
  personWeeks: z.coerce.number({ error: 'Give the capacity in person-weeks' }).min(0, 'At least 0').max(10_000, 'At most 10,000 person-weeks'),
})
export type CapacityInput = z.infer<typeof CapacityInput>

export const ReviewQuarterInput = z.object({ quarter: Quarter })
