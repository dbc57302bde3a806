/**
 * The competitor matrix as zod schemas and constants, shared by pages, actions and commands (client-safe).
 * The enums mirror prisma/schema.prisma. Notes are accepted here and redacted by the commands.
 */
import { z } from 'zod'
import { STATUSES } from './scoring'

export const CAPABILITY_GROUPS = [
  'clinical_decision_support',
  'imaging_ai',
  'documentation',
  'interoperability',
  'patient_engagement',
  'analytics',
  'compliance',
] as const
export type CapabilityGroup = (typeof CAPABILITY_GROUPS)[number]

export const CAPABILITY_GROUP_LABELS: Record<CapabilityGroup, string> = {
  clinical_decision_support: 'Clinical decision support',
  imaging_ai: 'Imaging AI',
  documentation: 'Documentation',
  interoperability: 'Interoperability / FHIR',
  patient_engagement: 'Patient engagement',
  analytics: 'Analytics',
  compliance: 'Compliance and certifications',
}

export const CONFIDENCES = ['low', 'medium', 'high'] as const
export type Confidence = (typeof CONFIDENCES)[number]

export const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = { full: 'Full', partial: 'Partial', none: 'None', unknown: 'Unknown' }

export const MAX_NOTE = 2000

const trimmedOrUndefined = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v)

/** An http(s) source address, or none (a document named in the title). */
const SourceUrl = z.preprocess(
  trimmedOrUndefined,
  z
    .string()
    .max(2000, 'At most 2,000 characters')
    .refine((u) => /^https?:\/\/[^\s]+$/i.test(u) && URL.canParse(u), 'An http(s) address')
    .optional(),
)

/** A date the source said it on: a day (YYYY-MM-DD) or a time, not in the future. */
const ObservedAt = z.coerce
  .date({ error: 'Give the date of the source' })
  .refine((d) => d.getTime() <= Date.now() + 86_400_000, 'The source cannot be dated in the future')
  .refine((d) => d.getUTCFullYear() >= 1990, 'Give a date from 1990 on')

/** New evidence for a cell: what it shows, from where, how sure; `version` is the cell's as the form saw it. */
export const CellEvidenceInput = z
  .object({
    competitorId: z.uuid('Choose a competitor'),
    capabilityId: z.uuid('Choose a capability'),
    status: z.enum(STATUSES, 'Choose full, partial, none or unknown'),
    confidence: z.enum(CONFIDENCES, 'Choose low, medium or high').default('medium'),
    sourceUrl: SourceUrl,
    sourceTitle: z.preprocess(trimmedOrUndefined, z.string().max(200, 'At most 200 characters').optional()),
    observedAt: ObservedAt,
    note: z.preprocess(trimmedOrUndefined, z.string().max(MAX_NOTE, `At most ${MAX_NOTE} characters`).optional()),
    version: z.coerce.number().int().min(0),
  })
  .refine((v) => v.sourceUrl !== undefined || v.sourceTitle !== undefined, { path: ['sourceUrl'], message: 'Give the source: an address or a document title' })
export type CellEvidenceInput = z.input<typeof CellEvidenceInput>
export type CellEvidenceData = z.output<typeof CellEvidenceInput>

const ratio = (label: string) => z.coerce.number({ error: `${label}: give a number` }).min(0.01, `${label}: above 0`).max(1.5, `${label}: at most 1.5`)
const days = (label: string) => z.coerce.number({ error: `${label}: give a number` }).int(`${label}: whole days`).min(1, `${label}: at least 1 day`).max(3650, `${label}: at most 3,650 days`)

/** The threat thresholds and the evidence half-life (Setting THREAT_SETTINGS_KEY; scoring.ts has the defaults). */
export const ThreatSettingsInput = z
  .object({
    halfLifeDays: days('Half-life'),
    momentumDays: days('Momentum window'),
    capability: z.object({ high: ratio('Capability high'), medium: ratio('Capability medium') }),
    competitor: z.object({ high: ratio('Competitor high'), medium: ratio('Competitor medium') }),
  })
  .refine((s) => s.capability.medium < s.capability.high, { path: ['capability', 'medium'], message: 'Medium must be below high' })
  .refine((s) => s.competitor.medium < s.competitor.high, { path: ['competitor', 'medium'], message: 'Medium must be below high' })

export const THREAT_SETTINGS_KEY = 'competitors.threat'

const Key = z
  .string()
  .trim()
  .min(2, 'At least 2 characters')
  .max(60, 'At most 60 characters')
  .regex(/^[a-z][a-z0-9_]*$/, 'Lower-case letters, digits and underscores, starting with a letter')
const Words = (max: number) => z.preprocess(trimmedOrUndefined, z.string().max(max, `At most ${max} characters`).optional())

/** A new competitor (a newcomer to watch). */
export const CompetitorInput = z.object({
  key: Key,
  name: z.string().trim().min(1, 'Give a name').max(120, 'At most 120 characters'),
  segment: Words(120),
  position: Words(60),
  website: SourceUrl,
  notes: Words(2000),
  marketOverlap: z.coerce.number({ error: 'Give a percentage' }).int('A whole percentage').min(0, '0–100').max(100, '0–100'),
})
export type CompetitorInput = z.input<typeof CompetitorInput>

/** A capability of the taxonomy. */
export const CapabilityInput = z.object({
  key: Key,
  name: z.string().trim().min(1, 'Give a name').max(120, 'At most 120 characters'),
  group: z.enum(CAPABILITY_GROUPS, 'Choose a group'),
  weight: z.coerce.number({ error: 'Give 1–5' }).int('1–5').min(1, '1–5').max(5, '1–5'),
  description: Words(500),
})
export type CapabilityInput = z.input<typeof CapabilityInput>

export const ArchiveCompetitorInput = z.object({ id: z.uuid(), archived: z.boolean() })
