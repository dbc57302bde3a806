/**
 * The OpenSLO v1 objects Wardroom reads (https://github.com/OpenSLO/OpenSLO, `apiVersion: openslo/v1`):
 * SLO, SLI, AlertPolicy and AlertCondition, as zod schemas over the parsed YAML. Strict where a typo would
 * otherwise pass unnoticed (an unknown key in a spec is refused, not ignored). Pure and client-safe.
 *
 * Wardroom's own data rides where OpenSLO leaves room for it: the SLI's metric source is `type: Wardroom`
 * with `spec.sli` (the SLI event name) and optionally `spec.workflow`; the SLO key, the low-traffic guard and
 * the rollout guard are annotations (ANNOTATIONS); an alert policy's notification target names the
 * escalation policy that is paged.
 */
import { z } from 'zod'

export const OPENSLO_API_VERSION = 'openslo/v1'
export const WARDROOM_SOURCE = 'Wardroom'
export const ANNOTATIONS = {
  key: 'wardroom.local/key',
  minEvents: 'wardroom.local/min-events',
  guardsRollouts: 'wardroom.local/guards-rollouts',
} as const
/** Kinds in a file that are not SLO definitions Wardroom applies; they are skipped with a warning. */
export const IGNORED_KINDS = ['Service', 'DataSource', 'AlertNotificationTarget'] as const
export const KINDS = ['SLO', 'SLI', 'AlertPolicy', 'AlertCondition', ...IGNORED_KINDS] as const

/** RFC 1123 labels as OpenSLO asks, with `_` tolerated (files written by hand from SLI names). */
const Name = z
  .string({ error: 'Give a name' })
  .min(1, 'Give a name')
  .max(63, 'At most 63 characters')
  .regex(/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/, 'Use lower-case letters, digits and -, starting and ending with a letter or digit')

export const Metadata = z.object(
  {
    name: Name,
    displayName: z.string().max(120, 'At most 120 characters').optional(),
    labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    annotations: z.record(z.string(), z.string({ error: 'Annotation values are strings: quote them' })).optional(),
  },
  { error: 'Give metadata with a name' },
)

export const Envelope = z.object({
  apiVersion: z.literal(OPENSLO_API_VERSION, `Use apiVersion: ${OPENSLO_API_VERSION}`),
  kind: z.enum(KINDS, `Use kind SLO, SLI, AlertPolicy or AlertCondition`),
  metadata: Metadata,
})

/** A duration shorthand: 5m, 1h, 28d, 1w, 1M. */
export const Duration = z.string({ error: 'Use a duration such as 5m, 1h, 28d or 1M' }).regex(/^[1-9]\d*[smhdwMQY]$/, 'Use a duration such as 5m, 1h, 28d or 1M')

const MetricSource = z.strictObject({
  metricSourceRef: z.string().optional(),
  type: z.string({ error: `Use type: ${WARDROOM_SOURCE}` }),
  spec: z.strictObject({
    sli: z.string({ error: 'Name the SLI events (spec.sli)' }),
    workflow: z.string().optional(),
    /** Which count of a ratio SLI event this source reads; informative. */
    field: z.enum(['good', 'total']).optional(),
  }),
})
export type MetricSource = z.infer<typeof MetricSource>

const Metric = z.strictObject({ metricSource: MetricSource })

export const SliSpec = z
  .strictObject({
    description: z.string().optional(),
    thresholdMetric: Metric.optional(),
    ratioMetric: z
      .strictObject({
        counter: z.boolean().optional(),
        good: Metric.optional(),
        bad: Metric.optional(),
        total: Metric,
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (Boolean(s.thresholdMetric) === Boolean(s.ratioMetric)) {
      ctx.addIssue({ code: 'custom', path: ['ratioMetric'], message: 'Give exactly one of ratioMetric and thresholdMetric' })
    }
    if (s.ratioMetric && !s.ratioMetric.good) {
      ctx.addIssue({ code: 'custom', path: ['ratioMetric', 'good'], message: 'Wardroom counts good and total events: give ratioMetric.good (bad is not supported)' })
    }
  })
export type SliSpec = z.infer<typeof SliSpec>

export const InlineSli = z.strictObject({ metadata: Metadata, spec: SliSpec })

export const Objective = z.strictObject({
  displayName: z.string().optional(),
  op: z.enum(['lt', 'lte', 'gt', 'gte'], 'Use op lt, lte, gt or gte').optional(),
  value: z.number({ error: 'Enter the threshold as a number' }).optional(),
  target: z.number({ error: 'Enter the target as a fraction, e.g. 0.995' }).optional(),
  targetPercent: z.number({ error: 'Enter the target as a percentage, e.g. 99.5' }).optional(),
  timeSliceTarget: z.number({ error: 'Enter the slice target as a fraction, e.g. 0.95' }).optional(),
  timeSliceWindow: Duration.optional(),
})

const TimeWindow = z.strictObject({
  duration: Duration,
  isRolling: z.boolean({ error: 'Say isRolling: true or false' }),
  calendar: z.strictObject({ startTime: z.string(), timeZone: z.string() }).optional(),
})

export const ConditionSpec = z.strictObject({
  description: z.string().optional(),
  severity: z.string({ error: 'Give a severity: page or ticket' }),
  condition: z.strictObject({
    kind: z.literal('burnrate', 'Wardroom alerts on burn rate: use kind: burnrate'),
    op: z.enum(['gt', 'gte'], 'A burn-rate condition fires above its threshold: use op gt'),
    threshold: z.number({ error: 'Enter the burn-rate threshold as a number' }),
    lookbackWindow: Duration,
    alertAfter: Duration.optional(),
  }),
})
export type ConditionSpec = z.infer<typeof ConditionSpec>

const InlineCondition = z.strictObject({ kind: z.literal('AlertCondition'), metadata: Metadata, spec: ConditionSpec })
const ConditionRef = z.strictObject({ conditionRef: z.string() })

const InlineTarget = z.strictObject({
  kind: z.literal('AlertNotificationTarget'),
  metadata: Metadata,
  spec: z.strictObject({ description: z.string().optional(), target: z.string() }),
})
const TargetRef = z.strictObject({ targetRef: z.string() })

export const AlertPolicySpec = z.strictObject({
  description: z.string().optional(),
  alertWhenBreaching: z.boolean().optional(),
  alertWhenResolved: z.boolean().optional(),
  alertWhenNoData: z.boolean().optional(),
  conditions: z.array(z.union([InlineCondition, ConditionRef], 'Give a conditionRef or an inline AlertCondition')).min(1, 'Give at least one condition'),
  notificationTargets: z.array(z.union([TargetRef, InlineTarget], 'Give a targetRef or an inline AlertNotificationTarget')).default([]),
})
export type AlertPolicySpec = z.infer<typeof AlertPolicySpec>

const InlinePolicy = z.strictObject({ kind: z.literal('AlertPolicy'), metadata: Metadata, spec: AlertPolicySpec })
const PolicyRef = z.strictObject({ alertPolicyRef: z.string() })

export const SloDocSpec = z
  .strictObject(
    {
      description: z.string().optional(),
      service: z.string({ error: 'Name the service (a Wardroom service key)' }),
      indicator: InlineSli.optional(),
      indicatorRef: z.string().optional(),
      timeWindow: z.array(TimeWindow, { error: 'Give a timeWindow, e.g. [{ duration: 28d, isRolling: true }]' }).length(1, 'Give exactly one time window'),
      budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices'], 'Use budgetingMethod Occurrences or Timeslices'),
      objectives: z.array(Objective, { error: 'Give objectives, e.g. [{ target: 0.995 }]' }).length(1, 'Wardroom SLOs have exactly one objective'),
      alertPolicies: z.array(z.union([z.string(), PolicyRef, InlinePolicy], 'Give an alertPolicyRef or an inline AlertPolicy')).default([]),
    },
    { error: 'Give the SLO a spec' },
  )
  .superRefine((s, ctx) => {
    if (Boolean(s.indicator) === Boolean(s.indicatorRef)) {
      ctx.addIssue({ code: 'custom', path: ['indicator'], message: 'Give exactly one of indicator and indicatorRef' })
    }
  })
export type SloDocSpec = z.infer<typeof SloDocSpec>

export const SPEC_OF_KIND = { SLO: SloDocSpec, SLI: SliSpec, AlertPolicy: AlertPolicySpec, AlertCondition: ConditionSpec } as const
