/**
 * Liveness and readiness for load balancers and uptime probes (/health, /health/db). The database check
 * is `SELECT 1` with a short deadline. A failure is reported by error code only: messages can carry host
 * names, paths or credentials.
 */
import { getPool } from './db'
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

/** A driver or system error code (`ECONNREFUSED`, `57P03`), never free text. */
function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
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

export interface HealthReport {
  status: 'healthy' | 'unhealthy'
  timestamp: string
  uptime: number
  version: string
  checks: { database: DatabaseCheck }
}

export async function healthReport(pool?: Queryable): Promise<HealthReport> {
  const database = await checkDatabase(pool)
  return {
    status: database.status === 'up' ? 'healthy' : 'unhealthy',
    timestamp: new Date().toISOString(),
    uptime: Math.round(process.uptime()),
    version: WARDROOM_VERSION,
    checks: { database },
  }
}

/** 200 when healthy, 503 with Retry-After otherwise; never cached. */
export function healthResponse(body: object, healthy: boolean): Response {
  return Response.json(body, {
    status: healthy ? 200 : 503,
    headers: { 'Cache-Control': 'no-store', ...(healthy ? {} : { 'Retry-After': String(HEALTH_RETRY_AFTER_SECONDS) }) },
  })
}
