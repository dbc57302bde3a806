/**
 * Feature-flag demo data: ten clinical-AI flags across development, staging and production — a canary of
 * ai_engine_v2 at stage 2 (25 %) in production, an automatic rollback in sepsis_alert_model's history,
 * a kill-switched fallback, semver targeting, compliance gates (a HIPAA review, an FDA approval, a
 * diagnostic flag still awaiting clinical validation), a pending 4-eyes change request, an A/B experiment
 * with a few thousand exposures and conversions, and 24 h of evaluation counts.
 *
 * Written directly with the client (set-based for the bulk rows), in the shapes lib/flags/service.ts
 * produces. Idempotent: flags by key (an existing flag is left alone), events by their unique keys.
 */
import { db as defaultDb, Prisma } from '../db'
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { bumpFlagsVersion } from '../flags/snapshot'
import { rolloutServe } from '../flags/rollout'
import type { Condition, Environment, EnvironmentConfig, FlagCategory, FlagEventType, FlagType, Rule, Serve, Variant } from '../flags/schema'

type Client = Prisma.TransactionClient

const HOUR = 3_600_000
const DAY = 24 * HOUR

interface SeedEnv extends Partial<EnvironmentConfig> {
  killed?: boolean
}

interface SeedFlag {
  key: string
  name: string
  description: string
  type: FlagType
  variants: Variant[]
  owner: string
  tags: string[]
  category: FlagCategory
  guardedSloKeys?: string[]
  lifecycle?: 'active' | 'stale'
  createdDaysAgo: number
  lastChangedDaysAgo: number
  envs: Partial<Record<Environment, SeedEnv>>
}

const BOOL: Variant[] = [
  { key: 'off', value: false, name: 'Off' },
  { key: 'on', value: true, name: 'On' },
]
const cond = (attribute: string, operator: Condition['operator'], values: (string | number)[]): Condition => ({ attribute, operator, values })
const rule = (id: string, name: string, conditions: Condition[], serve: Serve): Rule => ({ id, name, conditions, serve })
const on = (variant = 'on'): Serve => ({ variant })

/** Guarded SLOs for the live canary are chosen at seed time so the demo rollout is not rolled back on arrival. */
const CANARY_GUARD_CANDIDATES = ['patient_response_time', 'system_availability', 'emergency_triage_response_time', 'triage_api_availability']

const FLAGS: SeedFlag[] = [
  {
    key: 'ai_engine_v2',
    name: 'AI engine v2',
    description: 'Routes inference to the v2 model-serving stack (batched GPU inference, new tokenizer). Canary in production.',
    type: 'boolean',
    variants: BOOL,
    owner: 'AI platform team',
    tags: ['ai-engine', 'canary'],
    category: 'operational',
    createdDaysAgo: 12,
    lastChangedDaysAgo: 0.25,
    envs: {
      development: { enabled: true, offVariant: 'off', defaultServe: on() },
      staging: { enabled: true, offVariant: 'off', defaultServe: on() },
      production: { enabled: true, offVariant: 'off', defaultServe: rolloutServe('on', 'off', 25) },
    },
  },
  {
    key: 'sepsis_alert_model',
    name: 'Sepsis alert model',
    description: 'Which model scores early-warning sepsis risk for inpatients. v2 (transformer) was rolled back automatically during its canary.',
    type: 'string',
    variants: [
      { key: 'v1', value: 'sepsis-lstm-3.2', name: 'LSTM 3.2 (current)' },
      { key: 'v2', value: 'sepsis-transformer-1.0', name: 'Transformer 1.0' },
    ],
    owner: 'Clinical AI — critical care',
    tags: ['sepsis', 'icu'],
    category: 'clinical_decision_support',
    guardedSloKeys: ['patient_response_time', 'diagnosis_accuracy'],
    createdDaysAgo: 40,
    lastChangedDaysAgo: 2.5,
    envs: {
      development: { enabled: true, offVariant: 'v1', defaultServe: on('v2') },
      staging: { enabled: true, offVariant: 'v1', defaultServe: on('v2') },
      production: { enabled: true, offVariant: 'v1', defaultServe: rolloutServe('v2', 'v1', 25) },
    },
  },
  {
    key: 'triage_model_version',
    name: 'ED triage model version',
    description: 'Triage suggestion model by client app version: apps from 3.2.0 understand the v2 acuity scale.',
    type: 'string',
    variants: [
      { key: 'stable', value: '1.4.2', name: 'Triage 1.4.2' },
      { key: 'next', value: '2.0.0', name: 'Triage 2.0.0' },
    ],
    owner: 'Emergency department AI',
    tags: ['triage', 'emergency'],
    category: 'operational',
    createdDaysAgo: 25,
    lastChangedDaysAgo: 6,
    envs: {
      staging: { enabled: true, offVariant: 'stable', defaultServe: on('next') },
      production: {
        enabled: true,
        offVariant: 'stable',
        rules: [
          rule('new-clients-north', 'App ≥ 3.2.0 in the north region', [cond('appVersion', 'semver_gte', ['3.2.0']), cond('region', 'in', ['north'])], on('next')),
          rule('old-clients', 'Apps before 3.0', [cond('appVersion', 'semver_lt', ['3.0.0'])], on('stable')),
        ],
        defaultServe: on('stable'),
      },
    },
  },
  {
    key: 'legacy_dose_checker_fallback',
    name: 'Legacy dose checker fallback',
    description: 'Falls back to the rules-based dose checker when the ML dose-range model times out. Kill switch on since the duplicate-alert incident.',
    type: 'boolean',
    variants: BOOL,
    owner: 'Pharmacy informatics',
    tags: ['medication', 'fallback'],
    category: 'operational',
    createdDaysAgo: 90,
    lastChangedDaysAgo: 1,
    envs: {
      staging: { enabled: true, offVariant: 'off', defaultServe: on() },
      production: { enabled: true, killed: true, offVariant: 'off', defaultServe: on() },
    },
  },
  {
    key: 'patient_summary_llm',
    name: 'Patient summary (LLM)',
    description: 'LLM-drafted patient summaries for cardiology physicians; reads PHI, so it carries the hipaa tag.',
    type: 'boolean',
    variants: BOOL,
    owner: 'Clinical documentation AI',
    tags: ['hipaa', 'llm', 'cardiology'],
    category: 'operational',
    createdDaysAgo: 30,
    lastChangedDaysAgo: 9,
    envs: {
      staging: { enabled: true, offVariant: 'off', defaultServe: on() },
      production: {
        enabled: true,
        offVariant: 'off',
        rules: [rule('cardiology-physicians', 'Cardiology physicians', [cond('department', 'in', ['cardiology']), cond('role', 'in', ['physician'])], on())],
        defaultServe: on('off'),
      },
    },
  },
  {
    key: 'radiology_ai_overlay',
    name: 'Radiology AI overlay',
    description: 'Highlights suspected intracranial haemorrhage on CT head studies. Awaiting clinical validation before production.',
    type: 'boolean',
    variants: BOOL,
    owner: 'Imaging AI',
    tags: ['radiology', 'imaging'],
    category: 'diagnostic',
    guardedSloKeys: ['diagnosis_accuracy'],
    createdDaysAgo: 14,
    lastChangedDaysAgo: 3,
    envs: {
      development: { enabled: true, offVariant: 'off', defaultServe: on() },
      staging: {
        enabled: true,
        offVariant: 'off',
        rules: [rule('radiology', 'Radiology department', [cond('department', 'in', ['radiology'])], on())],
        defaultServe: on('off'),
      },
    },
  },
  {
    key: 'ed_triage_copy',
    name: 'ED triage suggestion wording',
    description: 'A/B test: concise triage suggestion wording against the current copy; primary metric triage_completed.',
    type: 'string',
    variants: [
      { key: 'control', value: 'current', name: 'Current wording' },
      { key: 'concise', value: 'concise', name: 'Concise wording' },
    ],
    owner: 'Emergency department AI',
    tags: ['experiment', 'emergency'],
    category: 'experiment',
    guardedSloKeys: ['emergency_triage_response_time'],
    createdDaysAgo: 8,
    lastChangedDaysAgo: 7,
    envs: {
      staging: { enabled: true, offVariant: 'control', defaultServe: { split: [{ variant: 'control', weight: 50 }, { variant: 'concise', weight: 50 }] } },
      production: {
        enabled: true,
        offVariant: 'control',
        rules: [rule('emergency-only', 'Emergency department', [cond('department', 'in', ['emergency'])], { split: [{ variant: 'control', weight: 50 }, { variant: 'concise', weight: 50 }] })],
        defaultServe: on('control'),
      },
    },
  },
  {
    key: 'nurse_handoff_summary',
    name: 'Nurse handoff summary',
    description: 'Shift-change summaries for nurses in the south region hospitals (pilot).',
    type: 'boolean',
    variants: BOOL,
    owner: 'Nursing informatics',
    tags: ['nursing', 'pilot'],
    category: 'operational',
    createdDaysAgo: 20,
    lastChangedDaysAgo: 4,
    envs: {
      staging: { enabled: true, offVariant: 'off', defaultServe: on() },
      production: {
        enabled: true,
        offVariant: 'off',
        rules: [rule('south-nurses', 'Nurses, south region', [cond('role', 'in', ['nurse']), cond('region', 'in', ['south'])], on())],
        defaultServe: on('off'),
      },
    },
  },
  {
    key: 'cardiology_risk_threshold',
    name: 'Cardiology risk alert threshold',
    description: 'Probability above which the deterioration model raises an alert on cardiology wards.',
    type: 'number',
    variants: [
      { key: 'standard', value: 0.5, name: '0.50' },
      { key: 'sensitive', value: 0.35, name: '0.35 (more alerts)' },
    ],
    owner: 'Clinical AI — cardiology',
    tags: ['cardiology', 'alerting'],
    category: 'operational',
    createdDaysAgo: 60,
    lastChangedDaysAgo: 15,
    envs: {
      staging: { enabled: true, offVariant: 'standard', defaultServe: on('sensitive') },
      production: {
        enabled: true,
        offVariant: 'standard',
        rules: [rule('cardiology', 'Cardiology department', [cond('department', 'equals', ['cardiology'])], on('sensitive'))],
        defaultServe: on('standard'),
      },
    },
  },
  {
    key: 'alert_routing_config',
    name: 'Alert routing configuration',
    description: 'JSON routing for AI alerts to pagers; unchanged for weeks at 100 %, so the stale job has flagged it for clean-up.',
    type: 'json',
    variants: [
      { key: 'default', value: { channel: 'pager', escalateAfterMinutes: 5 }, name: 'Pager, escalate after 5 min' },
      { key: 'quiet', value: { channel: 'inbox', escalateAfterMinutes: 30 }, name: 'Inbox, 30 min' },
    ],
    owner: 'Operations',
    tags: ['alerting'],
    category: 'operational',
    lifecycle: 'stale',
    createdDaysAgo: 120,
    lastChangedDaysAgo: 45,
    envs: {
      development: { enabled: true, offVariant: 'quiet', defaultServe: on('default') },
      staging: { enabled: true, offVariant: 'quiet', defaultServe: on('default') },
      production: { enabled: true, offVariant: 'quiet', defaultServe: on('default') },
    },
  },
]

const ENVS: Environment[] = ['development', 'staging', 'production']
const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY)
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue

async function people(client: Client) {
  const users = await client.user.findMany({
    where: { email: { in: ['pm@demo.wardroom.local', 'pm2@demo.wardroom.local', 'ops@demo.wardroom.local'] } },
    select: { id: true, email: true },
  })
  const by = (e: string) => users.find((u) => u.email === e) ?? null
  return { jonah: by('pm@demo.wardroom.local'), amara: by('pm2@demo.wardroom.local'), priya: by('ops@demo.wardroom.local') }
}

type Event = { at: Date; type: FlagEventType; actor: string; environment?: Environment | null; data?: Record<string, unknown> }

async function createFlag(client: Client, f: SeedFlag, now: Date, events: Event[]): Promise<string> {
  const first = f.variants[0]!.key
  const flag = await client.flag.create({
    data: {
      key: f.key,
      name: f.name,
      description: f.description,
      type: f.type,
      variants: json(f.variants),
      owner: f.owner,
      tags: f.tags,
      category: f.category,
      lifecycle: f.lifecycle ?? 'active',
      guardedSloKeys: f.guardedSloKeys ?? [],
      createdAt: ago(now, f.createdDaysAgo),
      lastChangedAt: ago(now, f.lastChangedDaysAgo),
      environments: {
        create: ENVS.map((environment) => {
          const e = f.envs[environment]
          const offVariant = e?.offVariant ?? first
          return {
            environment,
            enabled: e?.enabled ?? false,
            killed: e?.killed ?? false,
            offVariant,
            rules: json(e?.rules ?? []),
            defaultServe: json(e?.defaultServe ?? { variant: offVariant }),
          }
        }),
      },
    },
  })
  const all: Event[] = [
    { at: ago(now, f.createdDaysAgo), type: 'created', actor: 'pm@demo.wardroom.local', data: { type: f.type, category: f.category, tags: f.tags } },
    ...ENVS.filter((e) => f.envs[e]?.enabled).map((environment, i) => ({
      at: new Date(ago(now, f.createdDaysAgo).getTime() + (i + 1) * 2 * HOUR),
      type: 'environment_updated' as const,
      actor: 'pm@demo.wardroom.local',
      environment,
      data: { enabled: { from: false, to: true }, rules: (f.envs[environment]?.rules ?? []).map((r) => r.id) },
    })),
    ...events,
  ]
  await client.flagEvent.createMany({
    data: all.map((e) => ({
      flagId: flag.id,
      at: e.at,
      type: e.type,
      actorLabel: e.actor,
      environment: e.environment ?? null,
      data: e.data ? json(e.data) : Prisma.DbNull,
    })),
  })
  return flag.id
}

/** Guarded SLOs with few enough violations (and none open) since `since` that the canary keeps running. */
async function quietSlos(client: Client, since: Date): Promise<string[]> {
  const slos = await client.slo.findMany({ where: { key: { in: CANARY_GUARD_CANDIDATES } }, select: { id: true, key: true } })
  const out: string[] = []
  for (const s of slos) {
    const recent = await client.sloViolation.count({ where: { sloId: s.id, openedAt: { gte: since } } })
    const open = await client.sloViolation.count({ where: { sloId: s.id, resolvedAt: null } })
    if (recent <= 1 && open === 0) out.push(s.key)
    if (out.length === 2) break
  }
  return out
}

async function seedExperiment(client: Client, flagId: string, now: Date): Promise<number> {
  const exp = await client.experiment.upsert({
    where: { key: 'ed-triage-copy' },
    create: {
      key: 'ed-triage-copy',
      name: 'ED triage suggestion wording',
      flagId,
      environment: 'production',
      status: 'running',
      primaryMetric: { type: 'event', event: 'triage_completed' },
      guardrailSloKeys: ['emergency_triage_response_time', 'patient_response_time'],
      controlVariant: 'control',
      startedAt: ago(now, 7),
    },
    update: {},
  })
  // 3,000 clinicians exposed over 7 days, assigned by a hash (≈ 50/50); conversions 18 % (control) vs 22 %
  // (concise), each after its exposure. Subjects are sha256 of the targeting key, as the API stores them.
  const exposures = await client.$executeRaw`
    INSERT INTO "ExperimentEvent" ("experimentId", kind, variant, subject, at)
    SELECT ${exp.id}::uuid, 'exposure',
           CASE WHEN ('x' || substr(md5('ed-' || i), 1, 8))::bit(32)::int & 1 = 0 THEN 'control' ELSE 'concise' END,
           encode(sha256(convert_to('seed-clinician-' || i, 'UTF8')), 'hex'),
           ${now}::timestamptz - make_interval(mins => (i * 7919) % (7 * 24 * 60))
    FROM generate_series(1, 3000) AS i
    ON CONFLICT ("experimentId", kind, subject) DO NOTHING`
  const conversions = await client.$executeRaw`
    INSERT INTO "ExperimentEvent" ("experimentId", kind, variant, subject, at)
    SELECT e."experimentId", 'conversion', e.variant, e.subject, LEAST(e.at + interval '20 minutes', ${now}::timestamptz)
    FROM "ExperimentEvent" e
    WHERE e."experimentId" = ${exp.id}::uuid AND e.kind = 'exposure'
      AND (('x' || substr(md5('conv-' || e.subject), 1, 8))::bit(32)::int & 1023) < CASE WHEN e.variant = 'control' THEN 184 ELSE 225 END
    ON CONFLICT ("experimentId", kind, subject) DO NOTHING`
  return exposures + conversions
}

/** 24 hours of hourly evaluation counts per variant, with a day/night rhythm. */
async function seedEvaluationCounts(client: Client, now: Date): Promise<void> {
  const rows: [string, string, string, number][] = [
    ['ai_engine_v2', 'production', 'on', 260],
    ['ai_engine_v2', 'production', 'off', 780],
    ['sepsis_alert_model', 'production', 'v1', 540],
    ['sepsis_alert_model', 'production', 'v2', 180],
    ['triage_model_version', 'production', 'stable', 410],
    ['triage_model_version', 'production', 'next', 150],
    ['ed_triage_copy', 'production', 'control', 120],
    ['ed_triage_copy', 'production', 'concise', 118],
    ['legacy_dose_checker_fallback', 'production', 'off', 300],
    ['cardiology_risk_threshold', 'production', 'sensitive', 90],
    ['cardiology_risk_threshold', 'production', 'standard', 340],
  ]
  const hour0 = Math.floor(now.getTime() / HOUR) * HOUR
  await client.$executeRaw`
    INSERT INTO "FlagEvaluationCount" ("flagKey", environment, variant, hour, count)
    SELECT r.flag, r.env, r.variant, t.hour,
           -- Busier by day than by night (peak around 18:00 UTC).
           round(r.base * (0.55 + 0.45 * sin(pi() * ((extract(hour FROM t.hour)::int + 18) % 24) / 24)))::bigint
    FROM unnest(${rows.map((r) => r[0])}::text[], ${rows.map((r) => r[1])}::text[], ${rows.map((r) => r[2])}::text[], ${rows.map((r) => r[3])}::int[])
           AS r(flag, env, variant, base),
         (SELECT ${new Date(hour0)}::timestamptz - make_interval(hours => h) AS hour FROM generate_series(0, 23) AS h) AS t
    ON CONFLICT ("flagKey", environment, variant, hour) DO NOTHING`
}

export async function seedFlags(log: (m: string) => void, opts: { now?: Date; tx?: Client } = {}): Promise<void> {
  const client: Client = opts.tx ?? defaultDb
  const now = opts.now ?? new Date()
  const existing = new Set((await client.flag.findMany({ where: { key: { in: FLAGS.map((f) => f.key) } }, select: { key: true } })).map((f) => f.key))
  const todo = FLAGS.filter((f) => !existing.has(f.key))
  const p = await people(client)
  const jonah = p.jonah?.email ?? 'pm@demo.wardroom.local'
  const amara = p.amara?.email ?? 'pm2@demo.wardroom.local'
  const ids = new Map<string, string>()

  for (const f of todo) {
    const events: Event[] = []
    const s = (key: string) => f.key === key
    if (s('ai_engine_v2')) {
      // Stage 2 (25 %) reached 6 h ago; the next step is due in 18 h.
      const reached = new Date(now.getTime() - 6 * HOUR)
      const started = new Date(reached.getTime() - DAY)
      const guarded = { ...f, guardedSloKeys: await quietSlos(client, started) }
      events.push(
        { at: started, type: 'rollout_started', actor: jonah, environment: 'production', data: { variant: 'on', stages: [5, 25, 50, 100], stageIntervalHours: 24, percentage: 5 } },
        { at: reached, type: 'rollout_advanced', actor: 'rollout-advance', environment: 'production', data: { from: 5, to: 25, stage: 1 } },
      )
      const id = await createFlag(client, guarded, now, events)
      await client.rolloutPlan.create({
        data: { flagId: id, environment: 'production', variant: 'on', stages: [5, 25, 50, 100], stageIntervalHours: 24, currentStage: 1, percentage: 25, status: 'running', violationThreshold: 3, startedAt: started, nextStageAt: new Date(reached.getTime() + DAY) },
      })
      ids.set(f.key, id)
      continue
    }
    if (s('sepsis_alert_model')) {
      const started = ago(now, 5)
      const rolledBack = ago(now, 2.5)
      const reason = '4 violations of patient_response_time during rollout: 50 % → 25 %'
      events.push(
        { at: ago(now, 38), type: 'compliance_recorded', actor: amara, data: { kind: 'fda_approval', reference: 'K243117', date: '2025-12-18' } },
        { at: ago(now, 5.2), type: 'change_requested', actor: jonah, environment: 'production', data: { kind: 'rollout_start', summary: 'Start a rollout of v2 (5 → 25 → 50 → 100 %)' } },
        { at: ago(now, 5.1), type: 'change_approved', actor: amara, environment: 'production', data: { kind: 'rollout_start' } },
        { at: started, type: 'rollout_started', actor: jonah, environment: 'production', data: { variant: 'v2', stages: [5, 25, 50, 100], stageIntervalHours: 24, percentage: 5 } },
        { at: ago(now, 4), type: 'rollout_advanced', actor: 'rollout-advance', environment: 'production', data: { from: 5, to: 25, stage: 1 } },
        { at: ago(now, 3), type: 'rollout_advanced', actor: 'rollout-advance', environment: 'production', data: { from: 25, to: 50, stage: 2 } },
        { at: rolledBack, type: 'rollback_automatic', actor: 'rollout-advance', environment: 'production', data: { sloKey: 'patient_response_time', violations: 4, threshold: 3, from: 50, to: 25, reason } },
      )
      const id = await createFlag(client, f, now, events)
      await client.rolloutPlan.create({
        data: { flagId: id, environment: 'production', variant: 'v2', stages: [5, 25, 50, 100], stageIntervalHours: 24, currentStage: 1, percentage: 25, status: 'rolled_back', violationThreshold: 3, startedAt: started, nextStageAt: null, pausedReason: reason },
      })
      await client.complianceRecord.create({
        data: { flagId: id, kind: 'fda_approval', reference: 'K243117', date: '2025-12-18', scope: 'Early-warning sepsis risk scoring for adult inpatients (adjunct to clinical judgement)', recordedById: p.amara?.id ?? null, createdAt: ago(now, 38) },
      })
      // A pending 4-eyes request: Jonah asks to resume the canary; someone else must approve it.
      if (p.jonah) {
        await client.flagChangeRequest.create({
          data: { flagId: id, environment: 'production', payload: { kind: 'rollout_resume' }, reason: 'Latency fix deployed in sepsis-transformer 1.0.1; resume the canary at 25 %.', requestedById: p.jonah.id, createdAt: ago(now, 0.1) },
        })
        await client.flagEvent.create({ data: { flagId: id, at: ago(now, 0.1), type: 'change_requested', actorLabel: jonah, environment: 'production', data: { kind: 'rollout_resume', summary: 'Resume the rollout' } } })
      }
      ids.set(f.key, id)
      continue
    }
    if (s('legacy_dose_checker_fallback')) {
      events.push({ at: ago(now, 1), type: 'kill_switch_on', actor: 'ops@demo.wardroom.local', environment: 'production', data: { killed: true } })
    }
    if (s('patient_summary_llm')) {
      events.push({ at: ago(now, 12), type: 'compliance_recorded', actor: amara, data: { kind: 'hipaa_review', reference: 'PRIV-2026-014', date: '2026-01-09' } })
    }
    if (s('alert_routing_config')) {
      events.push({ at: ago(now, 15), type: 'lifecycle_stale', actor: 'flag-stale', data: { unchangedDays: 30 } })
    }
    const id = await createFlag(client, f, now, events)
    ids.set(f.key, id)
    if (s('patient_summary_llm')) {
      await client.complianceRecord.create({
        data: { flagId: id, kind: 'hipaa_review', reference: 'PRIV-2026-014', date: '2026-01-09', scope: 'Minimum necessary PHI: problem list, medications, last 48 h of vitals', recordedById: p.amara?.id ?? null, createdAt: ago(now, 12) },
      })
    }
  }

  const expFlag = ids.get('ed_triage_copy') ?? (await client.flag.findUnique({ where: { key: 'ed_triage_copy' }, select: { id: true } }))?.id
  const expRows = expFlag ? await seedExperiment(client, expFlag, now) : 0
  if (todo.length) await seedEvaluationCounts(client, now)
  if (todo.length) {
    await bumpFlagsVersion(client)
    await recordAudit(SYSTEM_ACTOR, { action: 'flag.seed', targetType: 'flag', summary: { flags: todo.map((f) => f.key), experimentEvents: expRows, source: 'demo seed' }, count: todo.length }, opts.tx)
  }
  log(`flags: ${todo.length} flags${todo.length < FLAGS.length ? ` (${FLAGS.length - todo.length} already seeded)` : ''}, ${expRows} experiment events`)
}
