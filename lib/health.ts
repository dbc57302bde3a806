/**
 * Liveness and readiness for load balancers and uptime probes (/health, /health/db). The database check
 * is `SELECT 1` with a short deadline. A failure is reported by error code only: messages can carry host
 * names, paths or credentials.
 */
import { readFileSync, statfsSync } from 'node:fs'
import path from 'node:path'
import { getPool } from './db'
import { databaseUnavailableCode } from './errors'
import { WARDROOM_VERSION } from './version'

export const DB_CHECK_TIMEOUT_MS = 2000
export const HEALTH_RETRY_AFTER_SECONDS = 5

/** What the check needs of a pool (a pg.Pool, or a stand-in in tests). */
export interface Queryable {
  query(text: string): Promise<unknown>
}

export type DatabaseCheck =
  | { status: 'up'; latencyMs: number }
  | { status: 'down'; latencyMs: number; code: string }

/** A driver or system error code (`ECONNREFUSED`, `57P03`, `connection_lost`), never free text. */
function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code ?? databaseUnavailableCode(err)
  return typeof code === 'string' && /^[A-Za-z0-9_]{2,32}$/.test(code) ? code : 'error'
}

export async function checkDatabase(pool?: Queryable, timeoutMs = DB_CHECK_TIMEOUT_MS): Promise<DatabaseCheck> {
  const started = performance.now()
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
  })
  try {
    const outcome = await Promise.race([(pool ?? getPool()).query('SELECT 1').then(() => 'ok' as const), deadline])
    return outcome === 'ok' ? { status: 'up', latencyMs: elapsed() } : { status: 'down', latencyMs: elapsed(), code: 'timeout' }
  } catch (err) {
    return { status: 'down', latencyMs: elapsed(), code: errorCode(err) }
  } finally {
    clearTimeout(timer)
  }
}

/** The embedded PostgreSQL server as its supervisor sees it (scripts/lib/embedded-supervisor.ts). */
export interface EmbeddedServerCheck {
  status: 'running' | 'restarting' | 'stopped'
  restarts: number
  since: string
  lastExit: string | null
}

/** Read from WARDROOM_EMBEDDED_STATE, which `npm start` sets when it runs the embedded database. */
export function embeddedServerCheck(file = process.env.WARDROOM_EMBEDDED_STATE): EmbeddedServerCheck | undefined {
  if (!file) return undefined
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as { state?: unknown; restarts?: unknown; since?: unknown; lastExit?: unknown }
    const status = s.state === 'running' || s.state === 'restarting' || s.state === 'stopped' ? s.state : undefined
    if (!status) return undefined
    return {
      status,
      restarts: typeof s.restarts === 'number' ? s.restarts : 0,
      since: typeof s.since === 'string' ? s.since : '',
      lastExit: typeof s.lastExit === 'string' ? s.lastExit : null,
    }
  } catch {
    return undefined
  }
}

/** Below this, the embedded database's disk counts as full: PostgreSQL cannot extend a table or a WAL file. */
export const DISK_LOW_BYTES = 64 * 1024 * 1024

export interface DiskCheck {
  status: 'ok' | 'full'
  freeBytes: number
}

/** Free space where the embedded database keeps its data (the data directory holding the state file). */
export function diskCheck(file = process.env.WARDROOM_EMBEDDED_STATE): DiskCheck | undefined {
  if (!file) return undefined
  try {
    const fs = statfsSync(path.dirname(path.dirname(file)))
    const freeBytes = Number(fs.bavail) * Number(fs.bsize)
    return { status: freeBytes < DISK_LOW_BYTES ? 'full' : 'ok', freeBytes }
  } catch {
    return undefined
  }
}

export interface HealthReport {
  status: 'healthy' | 'unhealthy'
  timestamp: string
  uptime: number
  version: string
  /** Which part is down, in words, when unhealthy. */
  reason?: string
  checks: { database: DatabaseCheck; embeddedServer?: EmbeddedServerCheck; disk?: DiskCheck }
}

/** One sentence naming the part that is down. */
export function healthReason(database: DatabaseCheck, embedded?: EmbeddedServerCheck, disk?: DiskCheck): string | undefined {
  if (disk?.status === 'full') {
    return `The embedded database's disk is full (${Math.round(disk.freeBytes / (1024 * 1024))} MB free): writes fail until space is freed.`
  }
  if (database.status === 'up') return undefined
  if (embedded?.status === 'restarting') {
    return `The embedded PostgreSQL server stopped (${embedded.lastExit ?? 'unknown cause'}) and is being restarted.`
  }
  if (embedded?.status === 'stopped') return 'The embedded PostgreSQL server is stopped.'
  return `The database does not answer (${database.code}).`
}

export async function healthReport(pool?: Queryable, embeddedFile?: string): Promise<HealthReport> {
  const database = await checkDatabase(pool)
  const embeddedServer = embeddedServerCheck(embeddedFile)
  const disk = diskCheck(embeddedFile)
  const reason = healthReason(database, embeddedServer, disk)
  return {
    status: database.status === 'up' && disk?.status !== 'full' ? 'healthy' : 'unhealthy',
    timestamp: new Date().toISOString(),
    uptime: Math.round(process.uptime()),
    version: WARDROOM_VERSION,
    ...(reason ? { reason } : {}),
    checks: { database, ...(embeddedServer ? { embeddedServer } : {}), ...(disk ? { disk } : {}) },
  }
}

/** 200 when healthy, 503 with Retry-After otherwise; never cached. */
export function healthResponse(body: object, healthy: boolean): Response {
  return Response.json(body, {
    status: healthy ? 200 : 503,
    headers: { 'Cache-Control': 'no-store', ...(healthy ? {} : { 'Retry-After': String(HEALTH_RETRY_AFTER_SECONDS) }) },
  })
}
