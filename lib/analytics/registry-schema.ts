/**
 * The forms of the event registry and the workflow editor as the server actions receive them (client-safe:
 * the forms import the limits and types). Properties travel as a list (the form's rows, in order) and
 * become the registry's `{ name: type }` map here, with a duplicate named at its row.
 */
import { z } from 'zod'
import { EventName } from './schema'

export const PROPERTY_TYPES = ['string', 'number', 'boolean'] as const
export const MAX_PROPERTIES = 50

export const PROPERTY_TYPE_LABELS: Record<(typeof PROPERTY_TYPES)[number], string> = { string: 'Text', number: 'Number', boolean: 'Yes / no' }

const PropertyRow = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'A property name starts with a letter, then letters, digits or _ (at most 64)'),
  type: z.enum(PROPERTY_TYPES, 'Choose text, number or yes / no'),
})

/** Registering a quarantined event, or editing a registered one. */
export const RegisterEventForm = z
  .object({
    name: EventName.refine((n) => !n.startsWith('$'), 'Names starting with $ are built in'),
    owner: z.string().trim().min(1, 'Say which team or person answers for this event').max(120),
    description: z.string().trim().max(500).default(''),
    properties: z.array(PropertyRow).max(MAX_PROPERTIES, `At most ${MAX_PROPERTIES} properties`).default([]),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>()
    form.properties.forEach((p, i) => {
      if (seen.has(p.name)) ctx.addIssue({ code: 'custom', path: ['properties', i, 'name'], message: `${p.name} is listed twice` })
      seen.add(p.name)
    })
  })
export type RegisterEventForm = z.infer<typeof RegisterEventForm>

export const WorkflowKeyInput = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/) })

/** The job that finds insights (lib/jobs/analytics-insights.ts). */
export const INSIGHTS_JOB = 'analytics-insights'

export const INSIGHT_STATUSES = ['open', 'dismissed', 'task_created'] as const
export type InsightStatus = (typeof INSIGHT_STATUSES)[number]

/** Dismissing or reopening an insight (one turned into a feedback task is the feedback area's). */
export const InsightStatusInput = z.object({ id: z.uuid(), status: z.enum(['open', 'dismissed']) })
export type InsightStatusInput = z.infer<typeof InsightStatusInput>
