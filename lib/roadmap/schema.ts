/**
 * The roadmap's inputs as zod schemas (client-safe), shared by forms, actions, route handlers and commands.
 * Free text is accepted here and redacted by the commands.
 */
import { z } from 'zod'
import { HORIZONS, PATHWAYS, PIPELINES, QUARTER_PATTERN, STAGES, STAKEHOLDERS } from './model'
import { CONFIDENCE_LEVELS, IMPACT_LEVELS, MOSCOW } from './scoring'

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v)

export const MAX_PROBLEM = 4000

const Title = z.preprocess(trimmed, z.string({ error: 'Give a title' }).min(3, 'At least 3 characters').max(160, 'At most 160 characters'))
const Problem = z.preprocess(trimmed, z.string().max(MAX_PROBLEM, `At most ${MAX_PROBLEM.toLocaleString('en-GB')} characters`))
const Quarter = z.preprocess(blankToNull, z.string().regex(QUARTER_PATTERN, 'A quarter like 2027-Q1').nullable())
const Effort = z.preprocess(
  blankToNull,
  z.coerce.number({ error: 'Give person-weeks' }).min(0.5, 'At least 0.5 person-weeks').max(520, 'At most 520 person-weeks').nullable(),
)
const Stakeholders = z.preprocess(
  (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(STAKEHOLDERS, 'Choose a stakeholder group')).max(STAKEHOLDERS.length),
)
const OwnerId = z.preprocess(blankToNull, z.uuid('Choose an owner').nullable())
const Version = z.coerce.number({ error: 'The item version is missing' }).int().min(1)

/** A new item: lands at the top of its stage's column (ideas unless said otherwise). */
export const ItemInput = z.object({
  title: Title,
  problem: Problem.default(''),
  stage: z.enum(['ideas', 'discovery', 'planned'], 'A new item starts in ideas, discovery or planned').default('ideas'),
  ownerId: OwnerId.default(null),
  horizon: z.enum(HORIZONS, 'Choose a horizon').default('short_term'),
  targetQuarter: Quarter.default(null),
  effort: Effort.default(null),
  stakeholders: Stakeholders,
  regulatoryPathway: z.enum(PATHWAYS, 'Choose a regulatory pathway').default('none'),
  pipeline: z.enum(PIPELINES, 'Choose feature, hotfix or innovation').default('feature'),
})
export type ItemInput = z.input<typeof ItemInput>
export type ItemData = z.output<typeof ItemInput>

/** An edit of an item's details: only the fields sent change; `version` is the item's as the form saw it. */
export const ItemUpdateInput = z.object({
  id: z.uuid('No such item'),
  version: Version,
  title: Title.optional(),
  problem: Problem.optional(),
  ownerId: OwnerId.optional(),
  horizon: z.enum(HORIZONS, 'Choose a horizon').optional(),
  targetQuarter: Quarter.optional(),
  effort: Effort.optional(),
  stakeholders: Stakeholders.optional(),
  regulatoryPathway: z.enum(PATHWAYS, 'Choose a regulatory pathway').optional(),
  pipeline: z.enum(PIPELINES, 'Choose feature, hotfix or innovation').optional(),
  serviceId: z.preprocess(blankToNull, z.uuid('Choose a service').nullable()).optional(),
})
export type ItemUpdateInput = z.input<typeof ItemUpdateInput>

/**
 * A move on the board: to `stage`, at `position` (0-based, counted in the target column as the mover saw it
 * without the item itself; past the end means last). Moving to "released" needs every gate complete.
 */
export const MoveInput = z.object({
  id: z.uuid('No such item'),
  version: Version,
  stage: z.enum(STAGES, 'Choose a stage'),
  position: z.coerce.number({ error: 'Give a position' }).int('A whole position').min(0, 'A position from 0').max(100_000).default(0),
})
export type MoveInput = z.input<typeof MoveInput>

const score = (label: string, max: number) =>
  z.preprocess(blankToNull, z.coerce.number({ error: `${label}: give a number` }).int(`${label}: a whole number`).min(0, `${label}: 0–${max}`).max(max, `${label}: 0–${max}`).nullable())

/** The scoring inputs a PM sets directly (scoring.ts defines each); only the fields sent change. */
export const ScoreInputs = z.object({
  id: z.uuid('No such item'),
  version: Version,
  reach: z.preprocess(blankToNull, z.coerce.number({ error: 'Reach: give a number' }).int('Reach: a whole number').min(0, 'Reach: 0 or more').max(10_000_000, 'Reach: at most 10,000,000').nullable()).optional(),
  impact: z.preprocess(blankToNull, z.coerce.number().refine((n) => (IMPACT_LEVELS as readonly number[]).includes(n), 'Impact: 0.25, 0.5, 1, 2 or 3').nullable()).optional(),
  confidence: z.preprocess(blankToNull, z.coerce.number().refine((n) => (CONFIDENCE_LEVELS as readonly number[]).includes(n), 'Confidence: 50, 80 or 100 %').nullable()).optional(),
  moscow: z.preprocess(blankToNull, z.enum(MOSCOW, 'Choose must, should, could or won’t').nullable()).optional(),
  value: score('Value', 10).optional(),
  risk: score('Risk', 10).optional(),
  patientSafety: score('Patient safety', 5).optional(),
  clinicalOutcome: score('Clinical outcome', 5).optional(),
  timeSaved: score('Clinician time saved', 5).optional(),
  evidenceStrength: score('Evidence strength', 5).optional(),
})
export type ScoreInputs = z.input<typeof ScoreInputs>
export type ScoreInputData = z.output<typeof ScoreInputs>
export const SCORE_INPUT_NAMES = ['reach', 'impact', 'confidence', 'moscow', 'value', 'risk', 'patientSafety', 'clinicalOutcome', 'timeSaved', 'evidenceStrength'] as const
export type ScoreInputName = (typeof SCORE_INPUT_NAMES)[number]

/** WIP limits per board stage (warned, not enforced); null = none. */
export const WipLimitsInput = z.object({
  ideas: score('Ideas', 500).default(null),
  discovery: score('Discovery', 500).default(null),
  planned: score('Planned', 500).default(null),
  in_progress: score('In progress', 500).default(null),
  released: score('Released', 500).default(null),
})
export type WipLimits = z.output<typeof WipLimitsInput>
export const WIP_LIMITS_KEY = 'roadmap.wip'

/** Add (or, with `remove`, drop) a dependency of item `id` on `dependsOnId`. */
export const DependencyInput = z.object({
  id: z.uuid('No such item'),
  version: Version,
  dependsOnId: z.uuid('Choose an item'),
  remove: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()).default(false),
})

export const RISK_SEVERITIES = ['low', 'medium', 'high'] as const
/** A risk of an item and how it is mitigated. */
export const RiskInput = z.object({
  id: z.uuid('No such item'),
  version: Version,
  description: z.preprocess(trimmed, z.string({ error: 'Describe the risk' }).min(3, 'At least 3 characters').max(500, 'At most 500 characters')),
  mitigation: z.preprocess(trimmed, z.string().max(500, 'At most 500 characters')).default(''),
  severity: z.enum(RISK_SEVERITIES, 'Choose low, medium or high').default('medium'),
})
export const RiskRemoveInput = z.object({ id: z.uuid('No such item'), version: Version, riskId: z.uuid('No such risk') })
