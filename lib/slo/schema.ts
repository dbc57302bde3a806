/**
 * Input schemas of the SLO area: SLI event batches (POST /api/sli/events), SLO definitions (seed, admin),
 * chart ranges. Client-safe: no server imports.
 */
import { z } from 'zod'
import { ServiceKey } from '../incidents/schema'

export const MAX_BATCH_ITEMS = 10_000
/** A 10,000-item batch is about 1.2 MB of JSON; the route accepts up to this many bytes (413 beyond). */
export const SLI_BODY_LIMIT_BYTES = 8 * 1024 * 1024
/** Clocks drift; events further in the future than this are refused. */
export const MAX_FUTURE_MS = 5 * 60_000
/** Events older than rollup retention would be deleted at once; refuse them instead. */
export const MAX_AGE_DAYS = 395

export const SLI_TYPES = ['ratio', 'threshold'] as const
export const COMPARATORS = ['lte', 'gte'] as const
export const WINDOW_KINDS = ['rolling', 'calendar_month'] as const
export const BUDGETING_METHODS = ['occurrences', 'timeslices'] as const
export const SLO_RANGES = ['24h', '7d', '30d', '90d'] as const

/** SLI, SLO and workflow names: lower-case snake or kebab case, as used in keys and labels. */
export const SliName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_.-]*$/, 'Use lower-case letters, digits, _ . -')

const IsoTimestamp = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 timestamp, e.g. 2026-11-04T11:10:29Z' })
const Count = z.number().int('Use a whole number').min(0).max(2_147_483_647)

/**
 * One SLI event: a measured value (threshold SLIs: `value`) or pre-counted events (ratio SLIs: `good`
 * of `total`). Exactly one of the two shapes.
 */
export const SliEventItem = z
  .object({
    sli: SliName,
    service: ServiceKey.min(1, 'Name the service'),
    workflow: SliName.optional(),
    at: IsoTimestamp,
    value: z.number().finite().optional(),
    good: Count.optional(),
    total: Count.optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    const hasValue = item.value !== undefined
    const hasCounts = item.good !== undefined || item.total !== undefined
    if (hasValue && hasCounts) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Send either value, or good and total, not both' })
    } else if (!hasValue && !hasCounts) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Send a value, or good and total' })
    } else if (hasCounts) {
      if (item.total === undefined) ctx.addIssue({ code: 'custom', path: ['total'], message: 'total is required with good' })
      else if (item.good === undefined) ctx.addIssue({ code: 'custom', path: ['good'], message: 'good is required with total' })
      else if (item.good > item.total) ctx.addIssue({ code: 'custom', path: ['good'], message: 'good cannot exceed total' })
    }
  })
export type SliEventItem = z.infer<typeof SliEventItem>

/**
 * A batch with timestamps checked against the server clock. Paths are always `items.<index>.<field>`,
 * whichever envelope the client used.
 */
export function sliEventBatch(now: Date) {
  const latest = now.getTime() + MAX_FUTURE_MS
  const earliest = now.getTime() - MAX_AGE_DAYS * 86_400_000
  return z.object({
    items: z
      .array(
        SliEventItem.superRefine((item, ctx) => {
          const t = Date.parse(item.at)
          if (t > latest) ctx.addIssue({ code: 'custom', path: ['at'], message: 'More than 5 minutes in the future' })
          else if (t < earliest) ctx.addIssue({ code: 'custom', path: ['at'], message: `Older than ${MAX_AGE_DAYS} days (rollup retention)` })
        }),
      )
      .min(1, 'Send at least one item')
      .max(MAX_BATCH_ITEMS, `At most ${MAX_BATCH_ITEMS} items per batch`),
  })
}

/**
 * The accepted envelopes: a bare array, `{"items": [...]}` or `{"events": [...]}`. Anything else is
 * handed on unchanged so that validation names what is missing.
 */
export function batchEnvelope(body: unknown): { items: unknown } {
  if (Array.isArray(body)) return { items: body }
  if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>
    if ('items' in o) return { items: o.items }
    if ('events' in o) return { items: o.events }
  }
  return { items: undefined }
}

export const SloRangeSchema = z.enum(SLO_RANGES)

/** An SLO definition (seed and administration). */
export const SloDefinition = z
  .object({
    key: SliName,
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(1000).default(''),
    sli: SliName,
    sliType: z.enum(SLI_TYPES),
    service: ServiceKey.min(1),
    workflow: z.union([SliName, z.literal('')]).default(''),
    target: z.number().gt(0).max(1),
    threshold: z.number().finite().nullable().default(null),
    comparator: z.enum(COMPARATORS).nullable().default(null),
    windowKind: z.enum(WINDOW_KINDS).default('rolling'),
    windowDays: z.number().int().min(1).max(90).default(30),
    budgeting: z.enum(BUDGETING_METHODS).default('occurrences'),
    timesliceMinutes: z.number().int().refine((m) => [1, 2, 5, 10, 15, 30, 60].includes(m), 'Use a divisor of 60 minutes').default(5),
    timesliceTarget: z.number().gt(0).max(1).default(0.95),
    minEvents: z.number().int().min(0).default(100),
  })
  .superRefine((d, ctx) => {
    if (d.sliType === 'threshold' && (d.threshold === null || d.comparator === null)) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'A threshold SLI needs a threshold and a comparator' })
    }
  })
export type SloDefinition = z.infer<typeof SloDefinition>
export type SloDefinitionInput = z.input<typeof SloDefinition>
