/**
 * Reads of feature flags for the cockpit: the list with per-environment state, one flag's full picture
 * (environments, rollout progress and next step, gates, change requests, history, evaluation counts) and
 * the change-request queue. Callers check `flag:read` (pages: requirePagePermission).
 */
import 'server-only'
import { db, Prisma } from '../db'
import type { FlagChangeRequest, RolloutPlan } from '../generated/prisma/client'
import { describeChange, describeServe } from './change'
import { gateStatuses, isGated, type GateStatus } from './gates'
import { rolloutProgress, type RolloutState } from './rollout'
import {
  ChangePayload,
  ENVIRONMENTS,
  EnvironmentConfig,
  Variant as VariantSchema,
  type ChangeRequestStatus,
  type Environment,
  type JsonValue,
  type RolloutStatus,
  type Rule,
  type Serve,
  type Variant,
} from './schema'

export interface FlagListFilters {
  q?: string
  environment?: Environment
  tag?: string
  category?: string
  lifecycle?: string
  owner?: string
}

export interface FlagEnvironmentSummary {
  environment: Environment
  enabled: boolean
  killed: boolean
  /** One-line description of what it serves, e.g. "on to 25 %" or "variant v2". */
  serving: string
  rolloutPercentage: number | null
  rolloutStatus: RolloutStatus | null
}

export interface FlagListItem {
  id: string
  key: string
  name: string
  description: string
  type: string
  owner: string
  tags: string[]
  category: string
  lifecycle: string
  lastChangedAt: Date
  updatedAt: Date
  environments: FlagEnvironmentSummary[]
  gated: boolean
  pendingChangeRequests: number
}

/**
 * A rollout plan as the pages show it: its state (`currentStage` indexes `stages`; `nextStageAt` is null
 * when completed, rolled back or paused), what it rolls out where, and how far it got.
 */
export interface RolloutView extends RolloutState {
  id: string
  environment: Environment
  variant: string
  stages: number[]
  pausedReason: string | null
  /** 0..1 share of the plan done (current stage / last stage). */
  progress: number
}

export interface FlagEnvironmentView {
  environment: Environment
  enabled: boolean
  killed: boolean
  offVariant: string
  rules: Rule[]
  defaultServe: Serve
  version: number
  updatedAt: Date
  /** The running/paused rollout, else the most recent one. */
  rollout: RolloutView | null
}

export interface ComplianceRecordView {
  id: string
  kind: string
  reference: string
  date: string
  scope: string
  recordedBy: string | null
  createdAt: Date
}

export interface PersonRef {
  id: string
  name: string
  email: string
}

export interface ChangeRequestView {
  id: string
  flagKey: string
  flagName: string
  environment: string
  payload: ChangePayload
  /** Human summary of the proposed change. */
  summary: string
  status: ChangeRequestStatus
  reason: string
  requestedBy: PersonRef | null
  /** Everyone who edited the request (4-eyes: they may not approve it). */
  editorIds: string[]
  approvedBy: PersonRef | null
  approvedAt: Date | null
  appliedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export interface FlagEventView {
  id: string
  environment: string | null
  at: Date
  type: string
  actorLabel: string
  data: JsonValue | null
}

export interface EvaluationCountView {
  environment: string
  variant: string
  count: number
}

export interface FlagDetail {
  id: string
  key: string
  name: string
  description: string
  type: string
  variants: Variant[]
  owner: string
  tags: string[]
  category: string
  lifecycle: string
  guardedSloKeys: string[]
  createdAt: Date
  updatedAt: Date
  lastChangedAt: Date
  environments: FlagEnvironmentView[]
  gates: GateStatus[]
  compliance: ComplianceRecordView[]
  changeRequests: ChangeRequestView[]
  history: FlagEventView[]
  /** Evaluations per environment and variant in the last 24 h. */
  evaluationCounts: EvaluationCountView[]
  experiments: { id: string; key: string; name: string; status: string; environment: string }[]
}

const DAY_MS = 86_400_000
const envOrder = (e: string) => ENVIRONMENTS.indexOf(e as Environment)

function rolloutView(p: RolloutPlan): RolloutView {
  const status = p.status as RolloutStatus
  return {
    id: p.id,
    environment: p.environment as Environment,
    variant: p.variant,
    stages: p.stages as number[],
    stageIntervalHours: p.stageIntervalHours,
    currentStage: p.currentStage,
    percentage: p.percentage,
    status,
    violationThreshold: p.violationThreshold,
    startedAt: p.startedAt,
    nextStageAt: status === 'running' ? p.nextStageAt : null,
    pausedReason: p.pausedReason,
    progress: rolloutProgress(p),
  }
}

/** The rollout to show for an environment: the running/paused one, else the latest. */
function pickRollout(plans: readonly RolloutPlan[], environment: string): RolloutPlan | null {
  const mine = plans.filter((p) => p.environment === environment).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
  return mine.find((p) => p.status === 'running' || p.status === 'paused') ?? mine[0] ?? null
}

function serving(config: EnvironmentConfig, killed: boolean, plan: RolloutPlan | null): string {
  if (killed) return 'killed'
  if (!config.enabled) return `off (serves ${config.offVariant})`
  const active = plan && (plan.status === 'running' || plan.status === 'paused')
  const base = active ? `${plan.variant} to ${plan.percentage} %` : describeServe(config.defaultServe)
  return config.rules.length ? `${base}; ${config.rules.length} targeting rule${config.rules.length === 1 ? '' : 's'}` : base
}

function parseConfig(e: { enabled: boolean; offVariant: string; rules: unknown; defaultServe: unknown }): EnvironmentConfig {
  const parsed = EnvironmentConfig.safeParse({ enabled: e.enabled, offVariant: e.offVariant, rules: e.rules, defaultServe: e.defaultServe })
  // A row that fails validation is shown as off rather than breaking the page; evaluation reports it too.
  return parsed.success ? parsed.data : { enabled: false, offVariant: e.offVariant, rules: [], defaultServe: { variant: e.offVariant } }
}

export async function listFlags(filters: FlagListFilters = {}): Promise<FlagListItem[]> {
  const q = filters.q?.trim()
  const where: Prisma.FlagWhereInput = {
    ...(q ? { OR: [{ key: { contains: q, mode: 'insensitive' } }, { name: { contains: q, mode: 'insensitive' } }] } : {}),
    ...(filters.tag ? { tags: { has: filters.tag } } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.lifecycle ? { lifecycle: filters.lifecycle } : {}),
    ...(filters.owner ? { owner: filters.owner } : {}),
  }
  const flags = await db.flag.findMany({
    where,
    orderBy: { key: 'asc' },
    include: {
      environments: filters.environment ? { where: { environment: filters.environment } } : true,
      rollouts: { orderBy: { startedAt: 'desc' }, take: 10 },
      _count: { select: { changeRequests: { where: { status: { in: ['pending', 'approved'] } } } } },
    },
  })
  return flags.map((f) => ({
    id: f.id,
    key: f.key,
    name: f.name,
    description: f.description,
    type: f.type,
    owner: f.owner,
    tags: f.tags,
    category: f.category,
    lifecycle: f.lifecycle,
    lastChangedAt: f.lastChangedAt,
    updatedAt: f.updatedAt,
    gated: isGated(f),
    pendingChangeRequests: f._count.changeRequests,
    environments: [...f.environments]
      .sort((a, b) => envOrder(a.environment) - envOrder(b.environment))
      .map((e) => {
        const plan = pickRollout(f.rollouts, e.environment)
        const active = plan && (plan.status === 'running' || plan.status === 'paused') ? plan : null
        return {
          environment: e.environment as Environment,
          enabled: e.enabled,
          killed: e.killed,
          serving: serving(parseConfig(e), e.killed, plan),
          rolloutPercentage: active ? active.percentage : null,
          rolloutStatus: active ? (active.status as RolloutStatus) : null,
        }
      }),
  }))
}

async function people(ids: (string | null | undefined)[]): Promise<Map<string, PersonRef>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))]
  if (!unique.length) return new Map()
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } })
  return new Map(users.map((u) => [u.id, u]))
}

function changeRequestView(cr: FlagChangeRequest & { flag: { key: string; name: string } }, who: Map<string, PersonRef>): ChangeRequestView {
  const parsed = ChangePayload.safeParse(cr.payload)
  return {
    id: cr.id,
    flagKey: cr.flag.key,
    flagName: cr.flag.name,
    environment: cr.environment,
    payload: parsed.success ? parsed.data : { kind: 'rollout_resume' },
    summary: parsed.success ? describeChange(parsed.data) : 'Unreadable change',
    status: cr.status as ChangeRequestStatus,
    reason: cr.reason,
    requestedBy: who.get(cr.requestedById) ?? null,
    editorIds: cr.editorIds,
    approvedBy: cr.approvedById ? (who.get(cr.approvedById) ?? null) : null,
    approvedAt: cr.approvedAt,
    appliedAt: cr.appliedAt,
    createdAt: cr.createdAt,
    updatedAt: cr.updatedAt,
  }
}

export async function getFlagDetail(key: string, now: Date = new Date()): Promise<FlagDetail | null> {
  const flag = await db.flag.findUnique({
    where: { key },
    include: {
      environments: true,
      rollouts: { orderBy: { startedAt: 'desc' } },
      compliance: { orderBy: { createdAt: 'desc' } },
      changeRequests: { orderBy: { createdAt: 'desc' }, take: 50, include: { flag: { select: { key: true, name: true } } } },
      events: { orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 200 },
      experiments: { select: { id: true, key: true, name: true, status: true, environment: true }, orderBy: { createdAt: 'desc' } },
    },
  })
  if (!flag) return null
  const [who, counts] = await Promise.all([
    people([...flag.changeRequests.flatMap((c) => [c.requestedById, c.approvedById]), ...flag.compliance.map((c) => c.recordedById)]),
    db.flagEvaluationCount.groupBy({
      by: ['environment', 'variant'],
      where: { flagKey: key, hour: { gte: new Date(now.getTime() - DAY_MS) } },
      _sum: { count: true },
    }),
  ])
  const variants = VariantSchema.array().safeParse(flag.variants)
  return {
    id: flag.id,
    key: flag.key,
    name: flag.name,
    description: flag.description,
    type: flag.type,
    variants: variants.success ? variants.data : [],
    owner: flag.owner,
    tags: flag.tags,
    category: flag.category,
    lifecycle: flag.lifecycle,
    guardedSloKeys: flag.guardedSloKeys,
    createdAt: flag.createdAt,
    updatedAt: flag.updatedAt,
    lastChangedAt: flag.lastChangedAt,
    environments: [...flag.environments]
      .sort((a, b) => envOrder(a.environment) - envOrder(b.environment))
      .map((e) => {
        const config = parseConfig(e)
        const plan = pickRollout(flag.rollouts, e.environment)
        return {
          environment: e.environment as Environment,
          enabled: e.enabled,
          killed: e.killed,
          offVariant: e.offVariant,
          rules: config.rules,
          defaultServe: config.defaultServe,
          version: e.version,
          updatedAt: e.updatedAt,
          rollout: plan ? rolloutView(plan) : null,
        }
      }),
    gates: gateStatuses(flag, flag.compliance),
    compliance: flag.compliance.map((c) => ({
      id: c.id,
      kind: c.kind,
      reference: c.reference,
      date: c.date,
      scope: c.scope,
      recordedBy: c.recordedById ? (who.get(c.recordedById)?.name ?? null) : null,
      createdAt: c.createdAt,
    })),
    changeRequests: flag.changeRequests.map((c) => changeRequestView(c, who)),
    history: flag.events.map((e) => ({
      id: e.id.toString(),
      environment: e.environment,
      at: e.at,
      type: e.type,
      actorLabel: e.actorLabel,
      data: (e.data ?? null) as JsonValue | null,
    })),
    evaluationCounts: counts
      .map((c) => ({ environment: c.environment, variant: c.variant, count: Number(c._sum.count ?? 0) }))
      .sort((a, b) => envOrder(a.environment) - envOrder(b.environment) || b.count - a.count),
    experiments: flag.experiments,
  }
}

export async function listChangeRequests(status?: ChangeRequestStatus): Promise<ChangeRequestView[]> {
  const rows = await db.flagChangeRequest.findMany({
    where: status ? { status } : {},
    orderBy: { createdAt: 'desc' },
    take: 200,
    include: { flag: { select: { key: true, name: true } } },
  })
  const who = await people(rows.flatMap((r) => [r.requestedById, r.approvedById]))
  return rows.map((r) => changeRequestView(r, who))
}

/** Whether a flag with this key exists: the page gate's 404 check. */
export async function flagExists(key: string): Promise<boolean> {
  return (await db.flag.count({ where: { key } })) > 0
}
