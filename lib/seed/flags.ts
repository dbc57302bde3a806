/**
 * Feature-flag demo data: ten clinical-AI flags across development, staging and production — a canary of
 * ai_engine_v2 at stage 2 (25 %) in production, an automatic rollback in sepsis_alert_model's history,
 * a kill-switched fallback, semver targeting, compliance gates (a HIPAA review, an FDA approval, a
 * diagnostic flag still awaiting clinical validation), a pending 4-eyes change request, an A/B experiment
 * with a few thousand exposures and conversions, and 24 h of evaluation counts.
 *
 * The flags are data (flags/catalogue.ts), their histories too (flags/history.ts), the bulk activity
 * set-based (flags/activity.ts). Written directly with the client, in the shapes lib/flags/commands/
 * produces. Idempotent: flags by key (an existing flag is left alone), events by their unique keys.
 */
import { db as defaultDb, Prisma } from '../db'
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { bumpFlagsVersion } from '../flags/snapshot'
import { ENVIRONMENTS } from '../flags/schema'
import { seedEvaluationCounts, seedExperiment } from './flags/activity'
import { ago, FLAGS, HOUR, type Client, type SeedFlag } from './flags/catalogue'
import { HISTORIES, type HistoryContext, type SeedEvent, type SeedPeople } from './flags/history'

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue

async function people(client: Client): Promise<SeedPeople> {
  const users = await client.user.findMany({
    where: { email: { in: ['pm@demo.wardroom.local', 'pm2@demo.wardroom.local'] } },
    select: { id: true, email: true },
  })
  const by = (e: string) => users.find((u) => u.email === e) ?? null
  return { jonah: by('pm@demo.wardroom.local'), amara: by('pm2@demo.wardroom.local') }
}

async function createFlag(client: Client, f: SeedFlag, now: Date, events: SeedEvent[]): Promise<string> {
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
        create: ENVIRONMENTS.map((environment) => {
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
  const all: SeedEvent[] = [
    { at: ago(now, f.createdDaysAgo), type: 'created', actor: 'pm@demo.wardroom.local', data: { type: f.type, category: f.category, tags: f.tags } },
    ...ENVIRONMENTS.filter((e) => f.envs[e]?.enabled).map((environment, i) => ({
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

export async function seedFlags(log: (m: string) => void, opts: { now?: Date; tx?: Client } = {}): Promise<void> {
  const client: Client = opts.tx ?? defaultDb
  const now = opts.now ?? new Date()
  const existing = new Set((await client.flag.findMany({ where: { key: { in: FLAGS.map((f) => f.key) } }, select: { key: true } })).map((f) => f.key))
  const todo = FLAGS.filter((f) => !existing.has(f.key))
  const p = await people(client)
  const ctx: HistoryContext = { client, now, people: p, jonah: p.jonah?.email ?? 'pm@demo.wardroom.local', amara: p.amara?.email ?? 'pm2@demo.wardroom.local' }
  const ids = new Map<string, string>()

  for (const f of todo) {
    const history = (await HISTORIES[f.key]?.(ctx)) ?? { events: [] }
    const id = await createFlag(client, { ...f, ...history.flag }, now, history.events)
    await history.rows?.(id)
    ids.set(f.key, id)
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
