/** Clinical workflows as PMs edit them: 2–10 ordered steps, each an event name with property filters. */
import { z } from 'zod'
import { EventName } from './schema'

const FilterValue = z.union([z.string().max(256), z.number().finite(), z.boolean()])
const Filters = z.record(z.string().min(1).max(64), FilterValue).default({})

export const WorkflowStep = z.object({
  event: EventName,
  /** Exact matches on the event's (registered, redacted) properties; all must hold. */
  filters: Filters,
  /** What the step is called in the funnel ("AI suggestion reviewed"). */
  label: z.string().trim().min(1).max(80).optional(),
})
export type WorkflowStep = z.infer<typeof WorkflowStep>

export const WorkflowSteps = z.array(WorkflowStep).min(2, 'A workflow has at least 2 steps').max(10, 'A workflow has at most 10 steps')

/**
 * How the steps must follow each other (PostHog's step order):
 * - `ordered`: in the given order, other events may fall between them (the default);
 * - `strict`: in the given order with no other event of the funnel (another step's or an exclusion's
 *   event) between two consecutive steps;
 * - `any`: all the steps, in any order, within the conversion window.
 */
export const ORDER_MODES = ['ordered', 'strict', 'any'] as const
export const OrderMode = z.enum(ORDER_MODES)
export type OrderMode = z.infer<typeof OrderMode>

/**
 * An exclusion step: a chain in which this event happens after step `afterStep` and before step
 * `beforeStep` (1-based, afterStep < beforeStep) does not count beyond `afterStep` ("started triage, then
 * triage_abandoned, then assigned a level" is not a conversion).
 */
export const FunnelExclusion = z
  .object({ event: EventName, filters: Filters, afterStep: z.number().int().min(1).max(9), beforeStep: z.number().int().min(2).max(10) })
  .refine((x) => x.afterStep < x.beforeStep, { message: 'The exclusion must start before it ends', path: ['beforeStep'] })
export type FunnelExclusion = z.infer<typeof FunnelExclusion>

export const WorkflowDefinition = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'Lower-case letters, digits and _'),
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(500).optional(),
    steps: WorkflowSteps,
    /** From the first step to the last, at most (default 1 hour, at most 30 days). */
    conversionWindowMs: z.number().int().min(1000).max(30 * 24 * 3_600_000).default(3_600_000),
    orderMode: OrderMode.default('ordered'),
    exclusions: z.array(FunnelExclusion).max(5, 'At most 5 exclusion steps').default([]),
  })
  .refine((w) => w.exclusions.every((x) => x.beforeStep <= w.steps.length), { message: 'An exclusion ends at a step of the workflow', path: ['exclusions'] })
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>
/** What a caller may give (orderMode, exclusions and the window have defaults). */
export type WorkflowDefinitionInput = z.input<typeof WorkflowDefinition>
