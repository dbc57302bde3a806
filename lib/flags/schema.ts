/**
 * Zod schemas and types of feature flags, shared by the commands, server actions, route handlers and the
 * evaluation engine. The JSON columns of Flag/FlagEnvironment/RolloutPlan/FlagChangeRequest are parsed
 * with these before use, so a malformed row fails loudly in one place.
 */
import { z } from 'zod'

export const ENVIRONMENTS = ['development', 'staging', 'production'] as const
export const Environment = z.enum(ENVIRONMENTS)
export type Environment = z.infer<typeof Environment>
/** The product's words for the environments, on screen and in messages. */
export const ENVIRONMENT_LABELS: Record<Environment, string> = { development: 'Development', staging: 'Staging', production: 'Production' }

export const FLAG_TYPES = ['boolean', 'string', 'number', 'json'] as const
export const FlagType = z.enum(FLAG_TYPES)
export type FlagType = z.infer<typeof FlagType>

export const FLAG_CATEGORIES = ['operational', 'clinical_decision_support', 'diagnostic', 'experiment', 'release'] as const
export const FlagCategory = z.enum(FLAG_CATEGORIES)
export type FlagCategory = z.infer<typeof FlagCategory>

export const LIFECYCLES = ['active', 'stale', 'archived'] as const
export const Lifecycle = z.enum(LIFECYCLES)
export type Lifecycle = z.infer<typeof Lifecycle>

/** Keys used in URLs and SDK calls: lower-case, digits, `_`, `-`, `.`. */
export const FlagKey = z
  .string()
  .trim()
  .min(2)
  .max(100)
  .regex(/^[a-z][a-z0-9_.-]*$/, 'Use lower-case letters, digits, _ - or .')
  // /flags/experiments is a page of its own, so no flag may take that key.
  .refine((k) => k !== 'experiments', 'This key is reserved')

export const VariantKey = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Use letters, digits, _ - or .')

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue }
export const JsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
)

export const Variant = z.object({
  key: VariantKey,
  value: JsonValue,
  name: z.string().trim().max(100).optional(),
})
export type Variant = z.infer<typeof Variant>

export const OPERATORS = [
  'in',
  'not_in',
  'equals',
  'not_equals',
  'contains',
  'starts_with',
  'ends_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'semver_eq',
  'semver_gt',
  'semver_gte',
  'semver_lt',
  'semver_lte',
] as const
export const Operator = z.enum(OPERATORS)
export type Operator = z.infer<typeof Operator>

/** Well-known context attributes (any other attribute name works too). */
export const KNOWN_ATTRIBUTES = ['targetingKey', 'department', 'role', 'region'] as const

export const Condition = z.object({
  attribute: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'Use letters, digits, _ - or .'),
  operator: Operator,
  values: z.array(z.union([z.string().max(200), z.number()])).min(1).max(1000),
})
export type Condition = z.infer<typeof Condition>

export const SplitPart = z.object({ variant: VariantKey, weight: z.number().min(0).max(100) })
export type SplitPart = z.infer<typeof SplitPart>

/** What a rule or the default rule serves: one variant, or a weighted split (a percentage rollout is a split). */
export const Serve = z.union([
  z.object({ variant: VariantKey }).strict(),
  z
    .object({ split: z.array(SplitPart).min(1).max(20) })
    .strict()
    .refine((s) => s.split.reduce((a, p) => a + p.weight, 0) > 0, 'A split needs a positive total weight'),
])
export type Serve = z.infer<typeof Serve>

export const Rule = z.object({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().max(100).optional(),
  conditions: z.array(Condition).max(20),
  serve: Serve,
})
export type Rule = z.infer<typeof Rule>

/** One environment's configuration (the editable part of FlagEnvironment). */
export const EnvironmentConfig = z.object({
  enabled: z.boolean(),
  offVariant: VariantKey,
  rules: z.array(Rule).max(100),
  defaultServe: Serve,
})
export type EnvironmentConfig = z.infer<typeof EnvironmentConfig>

export const FlagCreateInput = z.object({
  key: FlagKey,
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  type: FlagType,
  variants: z.array(Variant).min(1).max(20),
  owner: z.string().trim().max(120).default(''),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  category: FlagCategory.default('operational'),
  guardedSloKeys: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  /** Variant served while a flag is off; defaults to the first variant (e.g. `off` / `false`). */
  offVariant: VariantKey.optional(),
})
export type FlagCreateInput = z.infer<typeof FlagCreateInput>

export const FlagUpdateInput = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(2000).optional(),
  variants: z.array(Variant).min(1).max(20).optional(),
  owner: z.string().trim().max(120).optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  category: FlagCategory.optional(),
  lifecycle: Lifecycle.optional(),
  guardedSloKeys: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
})
export type FlagUpdateInput = z.infer<typeof FlagUpdateInput>

export const ROLLOUT_STATUSES = ['running', 'paused', 'completed', 'rolled_back'] as const
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number]
export const DEFAULT_STAGES = [5, 25, 50, 100] as const
export const DEFAULT_STAGE_INTERVAL_HOURS = 24
export const DEFAULT_VIOLATION_THRESHOLD = 3

export const Stages = z
  .array(z.number().gt(0).max(100))
  .min(1)
  .max(20)
  .refine((s) => s.every((v, i) => i === 0 || v > s[i - 1]!), 'Stages must ascend')
  .refine((s) => s[s.length - 1] === 100, 'The last stage must be 100 %')

export const RolloutInput = z.object({
  variant: VariantKey,
  stages: Stages.default([...DEFAULT_STAGES]),
  stageIntervalHours: z.number().int().min(1).max(24 * 30).default(DEFAULT_STAGE_INTERVAL_HOURS),
  violationThreshold: z.number().int().min(0).max(1000).default(DEFAULT_VIOLATION_THRESHOLD),
})
export type RolloutInput = z.infer<typeof RolloutInput>

/** Edits the active rollout's plan: stages, interval between them, rollback threshold. */
export const RolloutEditInput = z
  .object({
    stages: Stages.optional(),
    stageIntervalHours: z.number().int().min(1).max(24 * 30).optional(),
    violationThreshold: z.number().int().min(0).max(1000).optional(),
  })
  .refine((e) => e.stages !== undefined || e.stageIntervalHours !== undefined || e.violationThreshold !== undefined, 'Change at least one setting')
export type RolloutEditInput = z.infer<typeof RolloutEditInput>

export const COMPLIANCE_KINDS = ['hipaa_review', 'fda_approval', 'clinical_validation'] as const
export const ComplianceKind = z.enum(COMPLIANCE_KINDS)
export type ComplianceKind = z.infer<typeof ComplianceKind>

export const ComplianceInput = z.object({
  kind: ComplianceKind,
  reference: z.string().trim().min(1).max(200),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD'),
  scope: z.string().trim().max(500).default(''),
})
export type ComplianceInput = z.infer<typeof ComplianceInput>

export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'applied', 'voided'] as const
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number]

/** What a change request proposes: a new environment configuration, or a rollout action. */
export const ChangePayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('environment'), config: EnvironmentConfig }),
  z.object({ kind: z.literal('rollout_start'), rollout: RolloutInput }),
  z.object({ kind: z.literal('rollout_resume') }),
  z.object({ kind: z.literal('kill_switch'), killed: z.boolean() }),
  z.object({
    kind: z.literal('percentage'),
    variant: VariantKey,
    percentage: z.number().min(0).max(100),
    /** Replaces the target-users rule when given (an empty list removes it). */
    targetUsers: z.array(z.string().trim().min(1).max(200)).max(1000).optional(),
  }),
  z.object({ kind: z.literal('flag_update'), update: FlagUpdateInput }),
  z.object({ kind: z.literal('rollout_edit'), edit: z.lazy(() => RolloutEditInput) }),
])
export type ChangePayload = z.infer<typeof ChangePayload>

/**
 * The permission a change needs (lib/rbac.ts): the kill switch is an emergency control, which operations
 * hold too; every other change is flag:edit. A change request is withdrawn and applied with the same one.
 */
export const changePermission = (kind: ChangePayload['kind']): 'flag:edit' | 'flag:emergency' => (kind === 'kill_switch' ? 'flag:emergency' : 'flag:edit')

/** The result of a change that may need a second person's approval. */
export interface ChangeOutcome {
  applied: boolean
  changeRequestId?: string
}

/** The evaluation context (OFREP `context`): targetingKey plus any attributes. */
export type EvaluationContext = Record<string, unknown> & { targetingKey?: unknown }

/** Operations-guide API bodies. */
export const EnableInput = z.object({
  flag: FlagKey,
  percentage: z.number().min(0).max(100),
  /** Become a targeting rule on targetingKey; omitted leaves the rule as it is, [] removes it. */
  targetUsers: z.array(z.string().trim().min(1).max(200)).max(1000).optional(),
  /** Variant served to the percentage (defaults to the flag's "on" variant). */
  variant: VariantKey.optional(),
})
export type EnableInput = z.infer<typeof EnableInput>

export const EXPERIMENT_EVENT_KINDS = ['exposure', 'conversion'] as const
export const ExperimentEventInput = z.object({
  experiment: z.string().trim().min(1).max(100),
  variant: VariantKey,
  subject: z.string().min(1).max(256),
  kind: z.enum(EXPERIMENT_EVENT_KINDS),
  at: z.iso.datetime({ offset: true }).optional(),
})
export const ExperimentEventsInput = z.union([
  z.object({ events: z.array(ExperimentEventInput).min(1).max(5000) }),
  z.array(ExperimentEventInput).min(1).max(5000),
])
export type ExperimentEventInput = z.infer<typeof ExperimentEventInput>

/** FlagEvent.type values: the flag's history. */
export const FLAG_EVENT_TYPES = [
  'created',
  'updated',
  'environment_updated',
  'kill_switch_on',
  'kill_switch_off',
  'percentage_set',
  'rollout_started',
  'rollout_advanced',
  'rollout_completed',
  'rollout_held',
  'rollout_paused',
  'rollout_resumed',
  'rollout_edited',
  'rollback_automatic',
  'rollback_manual',
  'compliance_recorded',
  'change_requested',
  'change_approved',
  'change_rejected',
  'change_edited',
  'approval_voided',
  'change_applied',
  'lifecycle_stale',
] as const
export type FlagEventType = (typeof FLAG_EVENT_TYPES)[number]

/** The rule `POST /api/features/enable` maintains from `targetUsers`. */
export const TARGET_USERS_RULE_ID = 'target-users'
