/**
 * An SLO as its owner defines it (issue 12): the form on /slo/manage, OpenSLO files (openslo.ts) and the
 * CLI all end in `SloSpec`. Client-safe: no server imports.
 *
 * What the rollups count — the SLI, its type, service, workflow, threshold and comparator — is fixed once
 * an SLO exists (MEASURE_FIELDS): SloRollup holds per-minute good/total under that definition, and the raw
 * events behind them are kept only for days. Everything else (target, window, budgeting, alerting) is read
 * from the rollups at query time, so changing it recomputes the whole history with no raw events.
 */
import { z } from 'zod'
import { BUDGETING_METHODS, COMPARATORS, SLI_TYPES, SliName, WINDOW_KINDS } from './schema'

export const ROLLING_WINDOW_DAYS = [7, 28, 30] as const
export const TIMESLICE_MINUTES = [1, 2, 5, 10, 15, 30, 60] as const
/** Keys that would collide with the pages and routes beside /slo/<key> and /api/slo/<key>. */
export const RESERVED_SLO_KEYS = ['reports', 'manage', 'new', 'openslo'] as const

/** The fields that decide what the rollups count; they cannot change on an existing SLO. */
export const MEASURE_FIELDS = ['sli', 'sliType', 'service', 'workflow', 'threshold', 'comparator'] as const
/** The fields compared, written and audited by the commands, in display order. */
export const SPEC_FIELDS = [
  'name',
  'description',
  ...MEASURE_FIELDS,
  'target',
  'windowKind',
  'windowDays',
  'budgeting',
  'timesliceMinutes',
  'timesliceTarget',
  'minEvents',
  'pageEnabled',
  'ticketEnabled',
  'escalationPolicyId',
  'guardsRollouts',
] as const

const num = (what: string) => z.number({ error: `Enter ${what} as a number` }).finite(`Enter ${what} as a number`)

/** SliName's rule, with one message per problem: an empty field says only that it is empty. */
const Name = (what: string) =>
  z
    .string({ error: `Give ${what}` })
    .trim()
    .min(1, { error: `Give ${what}`, abort: true })
    .max(64, 'At most 64 characters')
    .regex(/^[a-z][a-z0-9_.-]*$/, 'Use lower-case letters, digits, _ . -, starting with a letter')

export const SloKey = Name('a key').refine((k) => !(RESERVED_SLO_KEYS as readonly string[]).includes(k), 'This name is used by a page; choose another')
const Service = z
  .string({ error: 'Choose a service' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'Choose a service', abort: true })
  .max(64, 'At most 64 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use a service key: lower-case letters, digits, . _ -')

export const SloSpec = z
  .object({
    key: SloKey,
    name: z.string().trim().min(1, 'Give the objective a name').max(120, 'At most 120 characters'),
    description: z.string().trim().max(1000, 'At most 1,000 characters').default(''),
    sli: Name('the SLI name'),
    sliType: z.enum(SLI_TYPES, 'Choose ratio or threshold'),
    service: Service,
    workflow: z.union([z.literal(''), Name('a workflow')], 'Use lower-case letters, digits, _ . -, or leave it empty').default(''),
    target: num('the target').gt(0, 'Use a target above 0 %').max(1, 'Use a target of at most 100 %'),
    threshold: num('the threshold').nullable().default(null),
    comparator: z.enum(COMPARATORS, 'Choose at most (≤) or at least (≥)').nullable().default(null),
    windowKind: z.enum(WINDOW_KINDS, 'Choose a rolling window or the calendar month').default('rolling'),
    windowDays: z
      .number({ error: 'Choose 7, 28 or 30 days' })
      .refine((d) => (ROLLING_WINDOW_DAYS as readonly number[]).includes(d), 'Choose 7, 28 or 30 days')
      .default(30),
    budgeting: z.enum(BUDGETING_METHODS, 'Choose occurrences or timeslices').default('occurrences'),
    timesliceMinutes: z
      .number({ error: 'Choose a slice length' })
      .refine((m) => (TIMESLICE_MINUTES as readonly number[]).includes(m), 'Use 1, 2, 5, 10, 15, 30 or 60 minutes')
      .default(5),
    timesliceTarget: num('the slice target').gt(0, 'Use a slice target above 0 %').max(1, 'Use a slice target of at most 100 %').default(0.95),
    minEvents: z.number({ error: 'Enter a whole number' }).int('Enter a whole number').min(0, 'Use 0 or more').max(1_000_000_000).default(100),
    pageEnabled: z.boolean().default(true),
    ticketEnabled: z.boolean().default(true),
    escalationPolicyId: z.uuid('Choose an escalation policy').nullable().default(null),
    guardsRollouts: z.boolean().default(true),
  })
  .superRefine((d, ctx) => {
    if (d.sliType === 'threshold') {
      if (d.threshold === null) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'A threshold SLI needs a threshold' })
      if (d.comparator === null) ctx.addIssue({ code: 'custom', path: ['comparator'], message: 'A threshold SLI needs a comparator' })
    } else if (d.threshold !== null || d.comparator !== null) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'A ratio SLI counts good and total events: leave threshold and comparator empty' })
    }
  })
export type SloSpec = z.infer<typeof SloSpec>
export type SloSpecInput = z.input<typeof SloSpec>

/**
 * The stored form of a spec: a calendar month keeps windowDays at 30 (the column is not nullable), and an
 * SLO that neither pages nor opens tickets routes nowhere (its escalation policy would never be used).
 */
export function normalizeSpec(spec: SloSpec): SloSpec {
  const out = spec.windowKind === 'calendar_month' ? { ...spec, windowDays: 30 } : { ...spec }
  if (!out.pageEnabled && !out.ticketEnabled) out.escalationPolicyId = null
  return out
}

export const SloRef = z.object({ key: SliName })
export type SloRef = z.infer<typeof SloRef>

export type SpecField = (typeof SPEC_FIELDS)[number]

/** The spec fields that differ between two definitions, in SPEC_FIELDS order. */
export function changedFields(before: Pick<SloSpec, SpecField>, after: Pick<SloSpec, SpecField>): SpecField[] {
  return SPEC_FIELDS.filter((f) => (before[f] ?? null) !== (after[f] ?? null))
}

/** Why a change to an existing SLO is refused: the fields that would change what its rollups count. */
export function measureChanges(before: Pick<SloSpec, SpecField>, after: Pick<SloSpec, SpecField>): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const f of changedFields(before, after)) {
    if ((MEASURE_FIELDS as readonly string[]).includes(f)) {
      out[f] = ['Fixed once the objective exists (its history counts events this way); archive it and create a new one instead']
    }
  }
  return out
}

/**
 * The changes that matter: slice settings while both sides budget by occurrences, the day count of two
 * calendar-month windows and the routing of an SLO that alerts on neither side are not read, so a
 * difference there is no change (an OpenSLO file without timeslices leaves them as they are).
 */
export function effectiveChanges(before: Pick<SloSpec, SpecField>, after: Pick<SloSpec, SpecField>): SpecField[] {
  const bothOccurrences = before.budgeting === 'occurrences' && after.budgeting === 'occurrences'
  const bothCalendar = before.windowKind === 'calendar_month' && after.windowKind === 'calendar_month'
  const silent = (s: Pick<SloSpec, SpecField>) => !s.pageEnabled && !s.ticketEnabled
  return changedFields(before, after).filter(
    (f) =>
      !(bothOccurrences && (f === 'timesliceMinutes' || f === 'timesliceTarget')) &&
      !(bothCalendar && f === 'windowDays') &&
      !(silent(before) && silent(after) && f === 'escalationPolicyId'),
  )
}
