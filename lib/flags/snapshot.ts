/**
 * The in-memory snapshot of every flag's configuration per environment: OFREP evaluation reads it and never
 * queries the database per request.
 *
 * - A flag command in this process calls `invalidateSnapshot()` after its commit (`afterCommit` of its
 *   transaction): the next evaluation reloads.
 * - Other instances' writes are picked up at once through PostgreSQL's LISTEN/NOTIFY (`bumpFlagsVersion`,
 *   inside every flag command's transaction, notifies `wardroom_flags` on commit), and by polling a change
 *   token once a second in case a notification is lost (a dropped listener connection): the `flags.version`
 *   Setting together with the count and latest update of FlagEnvironment rows, so that a write that forgot to
 *   bump (or a cascade delete) is still noticed.
 * - Subscribers (`onEnvironmentChange`: the OFREP change stream) hear of each environment whose flags
 *   changed, by its own version, as soon as the new snapshot is loaded.
 * - If the database is unreachable, the last snapshot keeps serving.
 */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../audit'
import type pg from 'pg'
import { beforeCloseDb, db, getPool, type Prisma } from '../db'
import { logger } from '../logger'
import { prepareFlag, type FlagConfig } from './evaluate'
import { EnvironmentConfig, FlagType, Variant } from './schema'

export interface EnvironmentSnapshot {
  environment: string
  /** Hash of the environment's flags and their versions: changes only when this environment's flags do. */
  version: string
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

type EnvironmentListener = (environment: string, version: string) => void

interface SnapshotState {
  current: FlagSnapshot | null
  listeners: Set<EnvironmentListener>
  /** The LISTEN connection, while one is held. */
  listener: pg.PoolClient | null
  listenRetry: ReturnType<typeof setTimeout> | null
  dirty: boolean
  loading: Promise<FlagSnapshot> | null
  polling: Promise<void> | null
  timer: ReturnType<typeof setInterval> | null
  lastPollAt: number
}

const g = globalThis as unknown as { wardroomFlagSnapshot?: SnapshotState }
const state: SnapshotState = (g.wardroomFlagSnapshot ??= {
  current: null,
  listeners: new Set(),
  listener: null,
  listenRetry: null,
  dirty: false,
  loading: null,
  polling: null,
  timer: null,
  lastPollAt: 0,
})

const EMPTY_ENV = (environment: string): EnvironmentSnapshot => ({ environment, version: environmentVersion([], new Map()), flags: new Map(), list: [], broken: new Map() })
const NOTIFY_CHANNEL = 'wardroom_flags'

/** An environment's version: its flags (key and row version, in key order) and its broken flags. */
export function environmentVersion(list: readonly Pick<FlagConfig, 'key' | 'version'>[], broken: ReadonlyMap<string, string>): string {
  const h = createHash('sha256')
  for (const f of list) h.update(`${f.key}\0${f.version}\n`)
  for (const key of [...broken.keys()].sort()) h.update(`!${key}\n`)
  return h.digest('base64url').slice(0, 16)
}

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
  for (const env of environments.values()) env.version = environmentVersion(env.list, env.broken)
  const version = createHash('sha256').update(token).digest('base64url').slice(0, 12)
  return { token, version, loadedAt: Date.now(), environments }
}

/** Tells the subscribers of each environment whose version differs between two snapshots. */
function announce(before: FlagSnapshot | null, after: FlagSnapshot): void {
  if (state.listeners.size === 0) return
  const names = new Set([...(before?.environments.keys() ?? []), ...after.environments.keys()])
  for (const name of names) {
    const version = environmentOf(after, name).version
    if (before && environmentOf(before, name).version === version) continue
    for (const listener of state.listeners) {
      try {
        listener(name, version)
      } catch (err) {
        logger.warn({ err: { message: (err as Error).message } }, 'flag change listener failed')
      }
    }
  }
}

function reload(): Promise<FlagSnapshot> {
  if (!state.loading) {
    state.dirty = false
    state.loading = load()
      .then((s) => {
        const before = state.current
        state.current = s
        announce(before, s)
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
  beforeCloseDb(stopSnapshotPolling)
  state.timer = setInterval(() => void pollSnapshot(), POLL_MS)
  state.timer.unref?.()
  void listen()
}

const LISTEN_RETRY_MS = 5000

/**
 * Holds one pooled connection in LISTEN wardroom_flags: a commit anywhere reloads this instance's snapshot
 * within milliseconds. If the connection fails, polling carries on alone and the listener is retried.
 */
async function listen(): Promise<void> {
  if (state.listener || state.listenRetry || !state.timer) return
  let client: pg.PoolClient | null = null
  try {
    client = await getPool().connect()
    state.listener = client
    const held = client
    held.on('notification', (n) => {
      if (n.channel === NOTIFY_CHANNEL) void pollSnapshot()
    })
    held.on('error', (err) => dropListener(held, err))
    await held.query(`LISTEN ${NOTIFY_CHANNEL}`)
    // A change committed while the listener connected: the token check finds it.
    void pollSnapshot()
  } catch (err) {
    if (client) dropListener(client, err as Error)
    else scheduleListen()
  }
}

function dropListener(client: pg.PoolClient, err: Error): void {
  if (state.listener !== client) return
  state.listener = null
  logger.warn({ err: { message: err.message } }, 'flag change listener lost; polling once a second until it reconnects')
  client.release(err)
  scheduleListen()
}

function scheduleListen(): void {
  if (state.listenRetry || !state.timer) return
  state.listenRetry = setTimeout(() => {
    state.listenRetry = null
    void listen()
  }, LISTEN_RETRY_MS)
  state.listenRetry.unref?.()
}

/** Stops the poller and the listener (tests and the bench stop them so the process can exit). */
export function stopSnapshotPolling(): void {
  if (state.timer) clearInterval(state.timer)
  state.timer = null
  if (state.listenRetry) clearTimeout(state.listenRetry)
  state.listenRetry = null
  const client = state.listener
  state.listener = null
  if (client) {
    client.removeAllListeners('notification')
    void client.query(`UNLISTEN ${NOTIFY_CHANNEL}`).then(
      () => client.release(),
      (err: Error) => client.release(err),
    )
  }
}

/**
 * Calls `listener(environment, version)` whenever an environment's flags change (in this instance or, via
 * NOTIFY or the poll, in another). Returns the unsubscribe function.
 */
export function onEnvironmentChange(listener: EnvironmentListener): () => void {
  state.listeners.add(listener)
  startPolling()
  return () => {
    state.listeners.delete(listener)
  }
}

/** Marks the snapshot stale after a flag command committed in this process; with subscribers, reloads now. */
export function invalidateSnapshot(): void {
  state.dirty = true
  if (state.listeners.size > 0) void reload().catch(() => undefined)
}

/** The current snapshot: loaded on first use, reloaded after a local change, refreshed by the poller. */
export async function getSnapshot(): Promise<FlagSnapshot> {
  startPolling()
  const s = state.current
  // A load in flight may be the one a local commit started (invalidateSnapshot): wait for it below.
  if (s && !state.dirty && !state.loading) {
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
