/**
 * What the fault tests share: the production server started as a user starts it (`scripts/start.ts`, the
 * supervisor behind `npm start`), alert senders that keep every acknowledged alert id and tally statuses
 * per fault phase, recovery timing through `/health`, and the server log.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { freePort } from '@/scripts/bench/server'
import { runCli } from '@/test/run-script'

export const RESULTS = path.resolve('test-results')

export interface FaultServer {
  baseUrl: string
  child: ChildProcess
  logFile: string
  apiKey: string
  stop: () => Promise<void>
}

export async function startServer(name: string, env: Record<string, string>): Promise<FaultServer> {
  mkdirSync(RESULTS, { recursive: true })
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const logFile = path.join(RESULTS, `fault-${name}-server.log`)
  const log = openSync(logFile, 'w')
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      PORT: String(port),
      NEXTAUTH_URL: baseUrl,
      WARDROOM_SKIP_BUILD: '1',
      WARDROOM_SEED: 'never',
      WARDROOM_SCHEDULER: 'on',
      WARDROOM_ADMIN_EMAIL: `fault-admin-${name}@test.wardroom.local`,
      WARDROOM_ADMIN_PASSWORD: `fault-${randomBytes(8).toString('hex')}`,
      CRON_SECRET: randomBytes(24).toString('base64url'),
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'info',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
      NODE_ENV: 'production',
    },
  })
  closeSync(log)
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up; see ${logFile}`)
    if ((await health(baseUrl)).status === 200) break
    if (Date.now() > deadline) throw new Error(`server not healthy within 180 s; see ${logFile}`)
    await sleep(250)
  }
  // The CLI reaches the embedded database through the running server's socket in its data directory.
  if (env.WARDROOM_DATA_DIR) process.env.WARDROOM_DATA_DIR = env.WARDROOM_DATA_DIR
  const created = await runCli(['apikey:create', '--name', `fault-${name}`, '--scopes', 'alerts:write'], undefined, env.DATABASE_URL)
  if (created.code !== 0) throw new Error(`apikey:create failed: ${created.stderr}`)
  const apiKey = created.stdout.trim().split('\n').at(-1)!
  const stop = async () => {
    if (!child.pid || child.exitCode !== null) return
    process.kill(-child.pid, 'SIGTERM')
    await new Promise((r) => {
      const t = setTimeout(() => {
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL')
        r(null)
      }, 30_000)
      child.once('exit', () => {
        clearTimeout(t)
        r(null)
      })
    })
  }
  return { baseUrl, child, logFile, apiKey, stop }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function health(baseUrl: string): Promise<{ status: number; body: Record<string, unknown> | null }> {
  try {
    const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5000) })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  } catch {
    return { status: 0, body: null }
  }
}

/** Alert senders tallying statuses into the current phase; every 202's alert id is kept. */
export class Load {
  readonly acknowledged = new Set<string>()
  readonly byPhase: Record<string, Record<string, number>> = {}
  readonly unexpected: string[] = []
  /** Per phase: when the last refusal (503/429/network) came, and the first 202 after it. */
  readonly lastRefusalAt: Record<string, number> = {}
  readonly firstSuccessAfterRefusalAt: Record<string, number> = {}
  phase = 'steady'
  private stopped = false
  private workers: Promise<void>[] = []
  private seq = 0

  constructor(
    private readonly server: FaultServer,
    private readonly run = randomBytes(3).toString('hex'),
  ) {}

  start(workers: number): void {
    this.workers = Array.from({ length: workers }, (_, w) => this.worker(w))
  }

  async stop(): Promise<void> {
    this.stopped = true
    await Promise.all(this.workers)
  }

  /** Requests of the current phase that were acknowledged (202). */
  accepted(phase = this.phase): number {
    return this.byPhase[phase]?.['202'] ?? 0
  }

  private count(status: string, detail?: string) {
    const now = Date.now()
    if (status === '202') {
      if (this.lastRefusalAt[this.phase] && !this.firstSuccessAfterRefusalAt[this.phase]) this.firstSuccessAfterRefusalAt[this.phase] = now
    } else {
      this.lastRefusalAt[this.phase] = now
      delete this.firstSuccessAfterRefusalAt[this.phase]
    }
    const p = (this.byPhase[this.phase] ??= {})
    p[status] = (p[status] ?? 0) + 1
    if (detail && this.unexpected.length < 20) this.unexpected.push(`${this.phase}: ${detail}`)
  }

  private async worker(w: number): Promise<void> {
    while (!this.stopped) {
      const i = this.seq++
      // One alert in four opens a new incident; the rest are duplicates racing each other.
      const dedupKey = i % 4 === 0 ? `fault-${this.run}-new-${i}` : `fault-${this.run}-dup-${i % 25}`
      try {
        const res = await fetch(`${this.server.baseUrl}/api/alerts`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.server.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ severity: 'high', system: 'fault-test', message: `fault alert ${i}`, timestamp: new Date().toISOString(), dedupKey, service: 'ai-engine' }),
          signal: AbortSignal.timeout(30_000),
        })
        const text = await res.text()
        if (res.status === 202) this.acknowledged.add((JSON.parse(text) as { alertId: string }).alertId)
        const expected = res.status === 202 || res.status === 503 || res.status === 429
        if (res.status === 503 && !res.headers.get('retry-after')) this.count('503-without-retry-after', text.slice(0, 200))
        this.count(String(res.status), expected ? undefined : `${res.status} ${text.slice(0, 300)}`)
        if (!expected || res.status !== 202) await sleep(50 + w * 10)
      } catch (e) {
        this.count('network-error', String(e))
        await sleep(100)
      }
    }
  }
}

export interface FaultOutcome {
  fault: string
  requests: Record<string, number>
  /** From the fault to the first alert acknowledged after the last refusal (and `/health` 200 again). */
  recoveryMs: number
  /** A 503 health body seen during the outage, if the outage lasted long enough to see one. */
  healthDuringOutage: Record<string, unknown> | null
}

/**
 * Runs one fault under the load: `inject` breaks something, `repair` (optional) mends it after `holdMs`;
 * then waits until the senders were refused and then acknowledged again, and `/health` answers 200.
 */
export async function runFault(
  server: FaultServer,
  load: Load,
  fault: string,
  inject: () => Promise<void>,
  opts: { holdMs?: number; repair?: () => Promise<void>; recoverWithinMs?: number } = {},
): Promise<FaultOutcome> {
  load.phase = fault
  const t0 = Date.now()
  let healthDuringOutage: Record<string, unknown> | null = null
  let watching = true
  // Health is polled alongside, to keep a 503 body of the outage.
  const watcher = (async () => {
    while (watching) {
      const h = await health(server.baseUrl)
      if (h.status === 503 && !healthDuringOutage) healthDuringOutage = h.body
      await sleep(50)
    }
  })()
  await inject()
  if (opts.holdMs) await sleep(opts.holdMs)
  if (opts.repair) await opts.repair()
  const limit = opts.recoverWithinMs ?? 120_000
  const deadline = Date.now() + limit
  for (;;) {
    const refused = load.lastRefusalAt[fault] !== undefined
    const back = load.firstSuccessAfterRefusalAt[fault] !== undefined
    // A fault the senders never noticed (every request retried or queued through it) counts as recovered.
    const quietFor = Date.now() - t0 > 10_000 && !refused
    if ((back || quietFor) && (await health(server.baseUrl)).status === 200) break
    if (Date.now() > deadline) throw new Error(`${fault}: not recovered within ${limit} ms`)
    await sleep(50)
  }
  watching = false
  await watcher
  const recoveredAt = load.firstSuccessAfterRefusalAt[fault] ?? t0
  await sleep(2000) // steady again before the next fault
  return { fault, requests: { ...(load.byPhase[fault] ?? {}) }, recoveryMs: recoveredAt - t0, healthDuringOutage }
}

export function serverLog(server: FaultServer): string[] {
  return readFileSync(server.logFile, 'utf8').split('\n')
}

/** Lines that must not appear: unhandled errors, 500s, protocol breakage. */
export function logProblems(lines: string[]): string[] {
  return lines.filter((l) => /unhandled error|"status":500|uncaught|08P01|"level":(50|60)/i.test(l))
}
