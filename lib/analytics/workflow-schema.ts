/** Clinical workflows as PMs edit them: 2–10 ordered steps, each an event name with property filters. */
import { z } from 'zod'
import { EventName } from './schema'

const FilterValue = z.union([z.string().max(256), z.number().finite(), z.boolean()])

export const WorkflowStep = z.object({
  event: EventName,
  /** Exact matches on the event's (registered, redacted) properties; all must hold. */
  filters: z.record(z.string().min(1).max(64), FilterValue).default({}),
  /** What the step is called in the funnel ("AI suggestion reviewed"). */
  label: z.string().trim().min(1).max(80).optional(),
})
export type WorkflowStep = z.infer<typeof WorkflowStep>

export const WorkflowSteps = z.array(WorkflowStep).min(2, 'A workflow has at least 2 steps').max(10, 'A workflow has at most 10 steps')

export const WorkflowDefinition = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'Lower-case letters, digits and _'),
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).optional(),
  steps: WorkflowSteps,
  /** From the first step to the last, at most (default 1 hour, at most 30 days). */
  conversionWindowMs: z.number().int().min(1000).max(30 * 24 * 3_600_000).default(3_600_000),
})
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>
