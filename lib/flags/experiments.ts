/**
 * Experiment reads for the cockpit: per variant, exposures (distinct subjects exposed) and conversions
 * (distinct exposed subjects with a conversion at or after their exposure), then the statistics of
 * lib/flags/experiment-results.ts, the split's weights for the sample-ratio check, and guardrail SLOs.
 * A conversion counts for the variant the subject was exposed to, whatever variant the conversion event
 * names: assignment is what is tested.
 */
import 'server-only'
import { db, type Prisma } from '../db'
import { logger } from '../logger'
import { getSloOverview, type SloStatus } from '../slo/queries'
import { computeExperimentResults, type ExperimentResults, type VariantCounts } from './experiment-results'
import { Serve, Variant, type Serve as ServeT } from './schema'

export type PrimaryMetric = { type: 'event'; event: string } | { type: 'sli'; slo: string } | { type: 'unknown' }

export interface ExperimentListItem {
  id: string
  key: string
  name: string
  flagKey: string
  flagName: string
  environment: string
  status: string
  controlVariant: string
  metric: PrimaryMetric
  startedAt: Date | null
  stoppedAt: Date | null
  exposures: number
  conversions: number
}

export interface GuardrailView {
  key: string
  /** Null when no SLO has this key. */
  name: string | null
  /** From the SLO overview; null when it is not available (no SLO, or the SLO area could not answer). */
  status: SloStatus | null
  /** Violations opened since the experiment started; null without an SLO. */
  violationsSinceStart: number | null
  /** Violations still open; null without an SLO. */
  openViolations: number | null
}

export interface ExperimentDetail extends ExperimentListItem {
  /** Where the weights of the sample-ratio check come from, in words; null when there are none. */
  weightsSource: string | null
  results: ExperimentResults
  guardrails: GuardrailView[]
}

export function parsePrimaryMetric(value: unknown): PrimaryMetric {
  if (typeof value === 'object' && value !== null) {
    const m = value as Record<string, unknown>
    if (m.type === 'event' && typeof m.event === 'string') return { type: 'event', event: m.event }
    if (m.type === 'sli' && typeof m.slo === 'string') return { type: 'sli', slo: m.slo }
  }
  return { type: 'unknown' }
}

interface CountRow {
  experimentId: string
  variant: string
  exposures: number
  conversions: number
}

async function countByVariant(experimentIds: readonly string[]): Promise<CountRow[]> {
  if (experimentIds.length === 0) return []
  // (experimentId, kind, subject) is unique, so each subject has at most one exposure and one conversion;
  // DISTINCT keeps the counts right should that ever change.
  return db.$queryRaw<CountRow[]>`
    SELECT e."experimentId"::text AS "experimentId", e.variant,
           COUNT(DISTINCT e.subject)::int AS exposures,
           COUNT(DISTINCT c.subject)::int AS conversions
    FROM "ExperimentEvent" e
    LEFT JOIN "ExperimentEvent" c
      ON c."experimentId" = e."experimentId" AND c.kind = 'conversion' AND c.subject = e.subject AND c.at >= e.at
    WHERE e.kind = 'exposure' AND e."experimentId" = ANY(${[...experimentIds]}::uuid[])
    GROUP BY e."experimentId", e.variant`
}

const experimentSelect = {
  id: true,
  key: true,
  name: true,
  environment: true,
  status: true,
  controlVariant: true,
  primaryMetric: true,
  guardrailSloKeys: true,
  startedAt: true,
  stoppedAt: true,
  createdAt: true,
  flag: { select: { id: true, key: true, name: true, variants: true } },
} as const

type ExperimentRow = Prisma.ExperimentGetPayload<{ select: typeof experimentSelect }>

/** The list's view of an experiment, with its totals summed over `counts` (one per variant). */
function listItemOf(r: ExperimentRow, counts: readonly { exposures: number; conversions: number }[]): ExperimentListItem {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    flagKey: r.flag.key,
    flagName: r.flag.name,
    environment: r.environment,
    status: r.status,
    controlVariant: r.controlVariant,
    metric: parsePrimaryMetric(r.primaryMetric),
    startedAt: r.startedAt,
    stoppedAt: r.stoppedAt,
    exposures: counts.reduce((s, c) => s + c.exposures, 0),
    conversions: counts.reduce((s, c) => s + c.conversions, 0),
  }
}

/** Every experiment, running first, then newest. */
export async function listExperiments(): Promise<ExperimentListItem[]> {
  const rows = await db.experiment.findMany({ select: experimentSelect, orderBy: [{ createdAt: 'desc' }] })
  const counts = await countByVariant(rows.map((r) => r.id))
  const order = { running: 0, draft: 1, stopped: 2 } as Record<string, number>
  return rows
    .map((r) => listItemOf(r, counts.filter((c) => c.experimentId === r.id)))
    .sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3))
}

/** The split the flag serves in the experiment's environment: its default rule's, else its first rule's. */
function splitOf(defaultServe: unknown, rules: unknown): { weights: Map<string, number>; source: string } | null {
  const fromServe = (v: unknown): ServeT | null => {
    const s = Serve.safeParse(v)
    return s.success ? s.data : null
  }
  const candidates: { serve: ServeT | null; source: string }[] = [{ serve: fromServe(defaultServe), source: 'the default rule' }]
  if (Array.isArray(rules)) {
    rules.forEach((r: unknown, i) => {
      const serve = typeof r === 'object' && r !== null ? (r as { serve?: unknown }).serve : undefined
      candidates.push({ serve: fromServe(serve), source: `targeting rule ${i + 1}` })
    })
  }
  for (const c of candidates) {
    if (c.serve && 'split' in c.serve) {
      const weights = new Map<string, number>()
      for (const p of c.serve.split) weights.set(p.variant, (weights.get(p.variant) ?? 0) + p.weight)
      return { weights, source: c.source }
    }
  }
  return null
}

async function guardrailsOf(keys: readonly string[], since: Date, now: Date): Promise<GuardrailView[]> {
  if (keys.length === 0) return []
  const slos = await db.slo.findMany({ where: { key: { in: [...keys] } }, select: { id: true, key: true, name: true } })
  let statuses = new Map<string, SloStatus>()
  try {
    statuses = new Map((await getSloOverview(now)).map((s) => [s.key, s.status]))
  } catch (err) {
    // The SLO area failing must not hide the results; the status then reads "not available".
    logger.warn({ err }, 'experiment guardrails: SLO overview unavailable')
  }
  return Promise.all(
    keys.map(async (key) => {
      const slo = slos.find((s) => s.key === key)
      if (!slo) return { key, name: null, status: null, violationsSinceStart: null, openViolations: null }
      const [violationsSinceStart, openViolations] = await Promise.all([
        db.sloViolation.count({ where: { sloId: slo.id, openedAt: { gte: since } } }),
        db.sloViolation.count({ where: { sloId: slo.id, resolvedAt: null } }),
      ])
      return { key, name: slo.name, status: statuses.get(key) ?? null, violationsSinceStart, openViolations }
    }),
  )
}

/** One experiment's results; null when the key is unknown. */
export async function getExperimentDetail(key: string, now: Date = new Date()): Promise<ExperimentDetail | null> {
  const row = await db.experiment.findUnique({ where: { key }, select: experimentSelect })
  if (!row) return null
  const [counts, env] = await Promise.all([
    countByVariant([row.id]),
    db.flagEnvironment.findUnique({ where: { flagId_environment: { flagId: row.flag.id, environment: row.environment } }, select: { defaultServe: true, rules: true } }),
  ])
  const split = env ? splitOf(env.defaultServe, env.rules) : null
  const flagVariants = Variant.array().safeParse(row.flag.variants)
  const variantOrder = flagVariants.success ? flagVariants.data.map((v) => v.key) : []

  // The control, the split's variants and anything exposed; the control first, then the flag's order.
  const names = new Set<string>([row.controlVariant, ...(split ? split.weights.keys() : []), ...counts.map((c) => c.variant)])
  const rank = (v: string) => (v === row.controlVariant ? -1 : variantOrder.includes(v) ? variantOrder.indexOf(v) : variantOrder.length)
  const variantCounts: VariantCounts[] = [...names]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((variant) => {
      const c = counts.find((x) => x.variant === variant)
      return { variant, exposures: c?.exposures ?? 0, conversions: c?.conversions ?? 0, weight: split ? (split.weights.get(variant) ?? 0) : null }
    })

  const results = computeExperimentResults(variantCounts, row.controlVariant)
  const guardrails = await guardrailsOf(row.guardrailSloKeys, row.startedAt ?? row.createdAt, now)
  return {
    ...listItemOf(row, variantCounts),
    weightsSource: split ? `${split.source} of ${row.environment}` : null,
    results,
    guardrails,
  }
}

/** Whether an experiment with this key exists: the page gate's 404 check. */
export async function experimentExists(key: string): Promise<boolean> {
  return (await db.experiment.count({ where: { key } })) > 0
}
