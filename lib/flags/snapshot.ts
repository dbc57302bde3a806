/**
 * The in-memory snapshot of every flag's configuration per environment: OFREP evaluation reads it and never
 * queries the database per request.
 *
 * - A flag command in this process calls `invalidateSnapshot()` after its commit (`afterCommit` of its
 *   transaction): the next evaluation reloads.
 * - Other instances' writes are picked up by polling a change token once a second: the `flags.version`
 *   Setting (incremented by `bumpFlagsVersion` inside every flag command's transaction) together with the
 *   count and latest update of FlagEnvironment rows, so that a write that forgot to bump (or a cascade
 *   delete) is still noticed.
 * - If the database is unreachable, the last snapshot keeps serving.
 */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../audit'
import { db, type Prisma } from '../db'
import { logger } from '../logger'
import { prepareFlag, type FlagConfig } from './evaluate'
import { EnvironmentConfig, FlagType, Variant } from './schema'

export interface EnvironmentSnapshot {
  environment: string
  flags: Map<string, FlagConfig>
  /** Flags in key order (bulk evaluation). */
  list: FlagConfig[]
  /** Flags whose stored configuration failed validation: evaluation answers GENERAL with the reason. */
  broken: Map<string, string>
}

export interface FlagSnapshot {
  /** The change token the snapshot was built from. */
  token: string
  /** Short hash of the token, used in ETags. */
  version: string
  loadedAt: number
  environments: Map<string, EnvironmentSnapshot>
}

const POLL_MS = 1000
const VERSION_KEY = 'flags.version'

interface SnapshotState {
  current: FlagSnapshot | null
  dirty: boolean
  loading: Promise<FlagSnapshot> | null
  polling: Promise<void> | null
  timer: ReturnType<typeof setInterval> | null
  lastPollAt: number
}

const g = globalThis as unknown as { wardroomFlagSnapshot?: SnapshotState }
const state: SnapshotState = (g.wardroomFlagSnapshot ??= {
  current: null,
  dirty: false,
  loading: null,
  polling: null,
  timer: null,
  lastPollAt: 0,
})

const EMPTY_ENV = (environment: string): EnvironmentSnapshot => ({ environment, flags: new Map(), list: [], broken: new Map() })

/** Increments the cross-instance version; call inside every flag command's transaction. */
export async function bumpFlagsVersion(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Setting" (key, value, "updatedAt") VALUES (${VERSION_KEY}, '1'::jsonb, now())
    ON CONFLICT (key) DO UPDATE
      SET value = to_jsonb(COALESCE(("Setting".value #>> '{}')::bigint, 0) + 1), "updatedAt" = now()`
}

async function readToken(): Promise<string> {
  const rows = await db.$queryRaw<{ v: string | null; n: bigint; u: Date | null }[]>`
    SELECT (SELECT value #>> '{}' FROM "Setting" WHERE key = ${VERSION_KEY}) AS v,
           (SELECT count(*) FROM "FlagEnvironment") AS n,
           (SELECT max("updatedAt") FROM "FlagEnvironment") AS u`
  const r = rows[0]
  return `${r?.v ?? '0'}:${r?.n ?? 0}:${r?.u?.getTime() ?? 0}`
}

async function load(): Promise<FlagSnapshot> {
  const token = await readToken()
  const rows = await db.flagEnvironment.findMany({
    where: { flag: { lifecycle: { not: 'archived' } } },
    select: {
      environment: true,
      enabled: true,
      killed: true,
      offVariant: true,
      rules: true,
      defaultServe: true,
      version: true,
      flag: { select: { key: true, type: true, variants: true } },
    },
    orderBy: [{ flag: { key: 'asc' } }],
  })
  const environments = new Map<string, EnvironmentSnapshot>()
  for (const row of rows) {
    let env = environments.get(row.environment)
    if (!env) environments.set(row.environment, (env = EMPTY_ENV(row.environment)))
    const type = FlagType.safeParse(row.flag.type)
    const variants = Variant.array().safeParse(row.flag.variants)
    const config = EnvironmentConfig.safeParse({
      enabled: row.enabled,
      offVariant: row.offVariant,
      rules: row.rules,
      defaultServe: row.defaultServe,
    })
    if (!type.success || !variants.success || !config.success) {
      env.broken.set(row.flag.key, 'The flag configuration is invalid')
      logger.warn({ flag: row.flag.key, environment: row.environment }, 'flag configuration failed validation')
      continue
    }
    const flag: FlagConfig = {
      key: row.flag.key,
      type: type.data,
      variants: variants.data,
      environment: row.environment,
      enabled: config.data.enabled,
      killed: row.killed,
      offVariant: config.data.offVariant,
      rules: config.data.rules,
      defaultServe: config.data.defaultServe,
      version: row.version,
    }
    prepareFlag(flag)
    env.flags.set(flag.key, flag)
    env.list.push(flag)
  }
  const version = createHash('sha256').update(token).digest('base64url').slice(0, 12)
  return { token, version, loadedAt: Date.now(), environments }
}

function reload(): Promise<FlagSnapshot> {
  if (!state.loading) {
    state.dirty = false
    state.loading = load()
      .then((s) => {
        state.current = s
        state.lastPollAt = Date.now()
        return s
      })
      .finally(() => {
        state.loading = null
      })
  }
  return state.loading
}

/** Checks the change token and reloads when another instance (or a stray write) changed flags. */
export function pollSnapshot(): Promise<void> {
  if (!state.polling) {
    state.polling = (async () => {
      try {
        const token = await readToken()
        state.lastPollAt = Date.now()
        if (!state.current || token !== state.current.token) await reload()
      } catch (err) {
        logger.warn({ err: { message: (err as Error).message } }, 'flag snapshot poll failed; serving the last snapshot')
      } finally {
        state.polling = null
      }
    })()
  }
  return state.polling
}

function startPolling(): void {
  if (state.timer) return
  state.timer = setInterval(() => void pollSnapshot(), POLL_MS)
  state.timer.unref?.()
}

/** Stops the poller (tests and the bench stop it so the process can exit). */
export function stopSnapshotPolling(): void {
  if (state.timer) clearInterval(state.timer)
  state.timer = null
}

/** Marks the snapshot stale after a flag command committed in this process. */
export function invalidateSnapshot(): void {
  state.dirty = true
}

/** The current snapshot: loaded on first use, reloaded after a local change, refreshed by the poller. */
export async function getSnapshot(): Promise<FlagSnapshot> {
  startPolling()
  const s = state.current
  if (s && !state.dirty) {
    // Belt and braces: if the timer has not run (suspended process), refresh in the background.
    if (Date.now() - state.lastPollAt > 3 * POLL_MS) void pollSnapshot()
    return s
  }
  // A load that started before the latest local commit may miss it: let it finish, then load again.
  if (state.loading) await state.loading.catch(() => undefined)
  if (state.current && !state.dirty) return state.current
  try {
    return await reload()
  } catch (err) {
    if (s) {
      logger.warn({ err: { message: (err as Error).message } }, 'flag snapshot reload failed; serving the last snapshot')
      return s
    }
    throw err
  }
}

export function environmentOf(snapshot: FlagSnapshot, environment: string): EnvironmentSnapshot {
  return snapshot.environments.get(environment) ?? EMPTY_ENV(environment)
}

/** ETag of a bulk evaluation: environment, snapshot version and the context it was evaluated for. */
export function bulkEtag(environment: string, snapshot: FlagSnapshot, context: Record<string, unknown>): string {
  const h = createHash('sha1').update(environment).update('\0').update(snapshot.version).update('\0').update(canonicalJson(context))
  return `"${h.digest('base64url')}"`
}
