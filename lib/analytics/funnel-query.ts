/**
 * The funnel a person builds at /analytics/funnels (and asks GET /api/analytics/funnel for): the query, as
 * it travels in the page's URL, and the report it gets back. The engine (funnel.ts) computes the report;
 * the page and the API show it. Every count of people in a report is already k-anonymised
 * (k-anonymity.ts): null means "fewer than k people, suppressed", never "unknown".
 */
import { z } from 'zod'
import { FunnelExclusion, OrderMode, WorkflowSteps } from './workflow-schema'

const DAY = 86_400_000
export const MAX_FUNNEL_RANGE_DAYS = 92

/** What a funnel can be broken down by: a coarse dimension of the user's first step-1 event, or a flag variant. */
export const BREAKDOWN_DIMENSIONS = ['role', 'department', 'site', 'appVersion'] as const
export const FunnelBreakdown = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.enum(BREAKDOWN_DIMENSIONS) }),
  /** The variant each user was exposed to in an experiment (ExperimentEvent.analyticsKey = the user's pseudonym). */
  z.object({ kind: z.literal('flag'), experiment: z.string().min(1).max(120) }),
])
export type FunnelBreakdown = z.infer<typeof FunnelBreakdown>

export const FunnelQuery = z
  .object({
    /** The workflow it started from, if any (for the page's title and the insight links). */
    workflow: z.string().max(64).optional(),
    steps: WorkflowSteps,
    from: z.coerce.date(),
    to: z.coerce.date(),
    conversionWindowMs: z.number().int().min(1000).max(30 * DAY),
    orderMode: OrderMode.default('ordered'),
    exclusions: z.array(FunnelExclusion).max(5).default([]),
    breakdown: FunnelBreakdown.default({ kind: 'none' }),
  })
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['from'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= MAX_FUNNEL_RANGE_DAYS * DAY, { message: `The range is at most ${MAX_FUNNEL_RANGE_DAYS} days`, path: ['to'] })
  .refine((q) => q.exclusions.every((x) => x.beforeStep <= q.steps.length), { message: 'An exclusion ends at a step of the funnel', path: ['exclusions'] })
export type FunnelQuery = z.infer<typeof FunnelQuery>
export type FunnelQueryInput = z.input<typeof FunnelQuery>

export interface FunnelStepReport {
  step: number
  event: string
  label: string
  /** Distinct users who reached this step (null: suppressed). */
  users: number | null
  /** users ÷ step 1's users. */
  conversion: number | null
  /** users ÷ the previous step's users (1 for step 1). */
  stepConversion: number | null
  /** Reached the previous step but not this one (0 for step 1). */
  dropOff: number | null
  /** Median time from the previous step to this one over the users who reached it (null for step 1). */
  medianFromPreviousMs: number | null
}

/** One funnel: the whole population, or one breakdown group. */
export interface FunnelSeries {
  /** 'all', a dimension's value, '(none)' when the event did not carry it, or a variant / '(not exposed)'. */
  key: string
  started: number | null
  completed: number | null
  steps: FunnelStepReport[]
}

export interface TimeToConvertBucket {
  /** [fromMs, toMs) from the first step to the last. */
  fromMs: number
  toMs: number
  users: number | null
}

export interface FunnelReport {
  query: FunnelQuery
  minGroupSize: number
  overall: FunnelSeries
  /** Empty without a breakdown. Groups with fewer than k starters are left out and counted in hiddenGroups. */
  groups: FunnelSeries[]
  hiddenGroups: number
  timeToConvert: { buckets: TimeToConvertBucket[]; medianMs: number | null; p90Ms: number | null }
}

/** "Show the sessions" of the people lost at a step (pseudonymous; only when at least k were lost). */
export interface DropOffPerson {
  /** The pseudonym, shortened for display (u_AbC…). */
  person: string
  reachedStep: number
  /** When their chain's step 1 happened. */
  startedAt: string
  sessions: { startedAt: string; endedAt: string; eventCount: number; events: string[] }[]
}

export interface DropOffList {
  step: number
  lost: number | null
  /** Empty when `lost` is suppressed. At most `limit` people, most recent first. */
  people: DropOffPerson[]
}
