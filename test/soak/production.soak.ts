/**
 * Soak test: the production build on the embedded default database, started as a user starts it
 * (`scripts/start.ts`, the supervisor behind `npm start`), with the in-process scheduler on and every job
 * on a 30-second cadence, under concurrent traffic for SOAK_SECONDS (default 180): OFREP bulk evaluation,
 * alert ingest with duplicates, SLI batches, signed-in page renders as several roles, and CLI commands
 * against the running server. Then it checks what a hospital would meet first: no failed job run, no 5xx,
 * no protocol error in the log, no lease left held, burn rates that saw the SLI events, and every alert the
 * server acknowledged stored.
 *
 * Needs a production build (`npm run build`; `npm test` builds before it). Knobs: SOAK_SECONDS.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '@/scripts/bench/server'
import { readLiveLock } from '@/scripts/lib/embedded'
import { jobNames } from '@/lib/jobs/registry'
import { runCli, type ScriptResult } from '@/test/run-script'

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 180)
// Every job every 30 s: each runs 6 times or more in 3 minutes. (Shorter starves nothing but makes a run
// that takes longer during the alert storm, e.g. escalation paging 40 new incidents, skip its next tick.)
const CADENCE = '*/30 * * * * *'
const DEMO_PASSWORD = 'wardroom-demo-2026'
const ADMIN = { email: 'soak-admin@test.wardroom.local', password: `soak-${randomBytes(8).toString('hex')}` }
const CRON_SECRET = randomBytes(24).toString('base64url')
const RESULTS = path.resolve('test-results')
const LOG_FILE = path.join(RESULTS, 'soak-server.log')
const RUN = randomBytes(3).toString('hex')

interface Tally {
  requests: number
  byStatus: Record<string, number>
  failures: string[]
}
const tallies: Record<string, Tally> = {}
function record(kind: string, status: number, detail?: string) {
  const t = (tallies[kind] ??= { requests: 0, byStatus: {}, failures: [] })
  t.requests++
  t.byStatus[status] = (t.byStatus[status] ?? 0) + 1
  if (detail && t.failures.length < 10) t.failures.push(detail)
}

let child: ChildProcess
let baseUrl = ''
let dataDir = ''
let apiKey = ''
const acknowledgedAlerts = new Set<string>()
let sliItemsAccepted = 0
const cliRuns: { args: string; code: number | null; stderr: string }[] = []

const cli = (args: string[]): Promise<ScriptResult> =>
  runCli(args, undefined, undefined).then((r) => {
    cliRuns.push({ args: args.join(' '), code: r.code, stderr: r.stderr.slice(-500) })
    return r
  })

async function waitHealthy(ms: number): Promise<void> {
  const deadline = Date.now() + ms
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up; see ${LOG_FILE}`)
    try {
      if ((await fetch(`${baseUrl}/health`)).status === 200) return
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server not healthy within ${ms} ms; see ${LOG_FILE}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** Signs in through next-auth's credentials endpoint and returns the Cookie header of the session. */
async function signIn(email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`)
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
  const jar = new Map<string, string>()
  const keep = (res: Response) => res.headers.getSetCookie().forEach((c) => jar.set(c.split('=')[0]!, c.split(';')[0]!))
  keep(csrfRes)
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...jar.values()].join('; ') },
    body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
  })
  keep(res)
  const cookie = [...jar.values()].join('; ')
  if (!/session-token=/.test(cookie)) throw new Error(`sign-in of ${email} failed (${res.status})`)
  return cookie
}

async function call(kind: string, p: string, init: RequestInit, ok: number[]): Promise<Response | null> {
  try {
    const res = await fetch(`${baseUrl}${p}`, init)
    record(kind, res.status, ok.includes(res.status) ? undefined : `${res.status} ${p}: ${(await res.clone().text()).slice(0, 300)}`)
    return res
  } catch (e) {
    record(kind, 0, `network error on ${p}: ${String(e)}`)
    return null
  }
}

const bearer = () => ({ authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' })

async function loop(until: number, body: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; Date.now() < until; i++) await body(i)
}

const alertWorker = (w: number, until: number) =>
  loop(until, async (i) => {
    // 40 keys shared by all workers: most alerts are duplicates of an open incident, racing each other.
    const dedupKey = `soak-${RUN}-${(i * 7 + w) % 40}`
    const res = await call(
      'alerts',
      '/api/alerts',
      {
        method: 'POST',
        headers: bearer(),
        body: JSON.stringify({ severity: i % 5 === 0 ? 'critical' : 'high', system: 'soak', message: `soak alert ${i}`, timestamp: new Date().toISOString(), dedupKey, service: 'ai-engine' }),
      },
      [202],
    )
    if (res?.status === 202) acknowledgedAlerts.add(((await res.json()) as { alertId: string }).alertId)
  })

const ofrepWorker = (w: number, until: number) =>
  loop(until, async (i) => {
    const context = { targetingKey: `clinician-${w}-${i}`, department: ['emergency', 'radiology', 'oncology'][i % 3], role: 'physician', region: 'north' }
    const res = await call('ofrep', '/ofrep/v1/evaluate/flags', { method: 'POST', headers: bearer(), body: JSON.stringify({ context }) }, [200])
    if (res) await res.arrayBuffer()
  })

const sliWorker = (until: number) =>
  loop(until, async () => {
    // Half of the requests fail: the availability SLO (target 99.9 %) burns its budget about 500 times too fast.
    const at = new Date().toISOString()
    const items = Array.from({ length: 50 }, () => ({ sli: 'system_availability', service: 'ai-engine', at, good: 100, total: 200 }))
    const res = await call('sli', '/api/sli/events', { method: 'POST', headers: bearer(), body: JSON.stringify({ items }) }, [202])
    if (res?.status === 202) sliItemsAccepted += ((await res.json()) as { accepted: number }).accepted
    await new Promise((r) => setTimeout(r, 250))
  })

const PAGES = ['/', '/incidents', '/slo', '/flags', '/oncall']
const pageWorker = (cookie: string, extra: string[], until: number) =>
  loop(until, async (i) => {
    const list = [...PAGES, ...extra]
    const p = list[i % list.length]!
    const res = await call('pages', p, { headers: { cookie }, redirect: 'manual' }, [200])
    if (res) await res.arrayBuffer()
  })

const cliWorker = (until: number) =>
  loop(until, async (i) => {
    const r = await cli(i % 2 === 0 ? ['audit:verify'] : ['job:run', '--name', 'housekeeping'])
    record('cli', r.code === 0 ? 200 : 500, r.code === 0 ? undefined : `cli exited ${r.code}: ${r.stderr.slice(-300)}`)
    await new Promise((r) => setTimeout(r, 5_000))
  })

async function cron(job: string): Promise<{ status: string }> {
  // Another run may hold the lease (the scheduler fires every 30 s): retry until this call runs it.
  for (let i = 0; i < 60; i++) {
    const res = await fetch(`${baseUrl}/api/cron/${job}`, { method: 'POST', headers: { authorization: `Bearer ${CRON_SECRET}` } })
    const body = (await res.json()) as { status: string }
    if (body.status !== 'skipped') return body
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${job} stayed busy for 30 s`)
}

async function availabilityBurn5m(): Promise<number | null> {
  const res = await fetch(`${baseUrl}/api/slo`, { headers: bearer() })
  const body = (await res.json()) as { slos: { key: string; burnRates: Record<string, number | null> }[] }
  return body.slos.find((s) => s.key === 'system_availability')?.burnRates['5m'] ?? null
}

async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const lock = await readLiveLock(dataDir)
  if (!lock) throw new Error('the embedded database is not running')
  const c = new pg.Client({ connectionString: lock.url })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

describe(`soak: production build on the embedded database, scheduler on, ${SOAK_SECONDS} s of traffic`, () => {
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true })
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'wardroom-soak-'))
    const port = await freePort()
    baseUrl = `http://127.0.0.1:${port}`
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      NEXTAUTH_URL: baseUrl,
      WARDROOM_DATA_DIR: dataDir,
      WARDROOM_SKIP_BUILD: '1',
      WARDROOM_SEED: 'auto',
      WARDROOM_SCHEDULER: 'on',
      // Backups and drills dump and restore the whole demo database (about 280,000 rows): 10–35 s each under
      // this load, so once a minute, half a minute apart (the first drill may come before the first backup).
      WARDROOM_JOB_SCHEDULES: JSON.stringify({ '*': CADENCE, 'db-backup': '0 * * * * *', 'restore-drill': '30 * * * * *' }),
      WARDROOM_ADMIN_EMAIL: ADMIN.email,
      WARDROOM_ADMIN_PASSWORD: ADMIN.password,
      CRON_SECRET,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    }
    // The embedded default: no external database, whatever the environment running the tests has.
    delete env.DATABASE_URL
    delete env.TEST_DATABASE_URL
    const log = openSync(LOG_FILE, 'w')
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { detached: true, stdio: ['ignore', log, log], env })
    closeSync(log)
    await waitHealthy(180_000)
    // CLI commands share the running server's database (through its socket in the data directory).
    process.env.WARDROOM_DATA_DIR = dataDir
    delete process.env.DATABASE_URL
    const created = await cli(['apikey:create', '--name', `soak-${RUN}`, '--scopes', 'alerts:write,sli:write,flags:evaluate,read'])
    expect(created.code, created.stderr).toBe(0)
    apiKey = created.stdout.trim().split('\n').at(-1)!
  }, 240_000)

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM')
      await new Promise((r) => {
        const t = setTimeout(() => {
          process.kill(-child.pid!, 'SIGKILL')
          r(null)
        }, 30_000)
        child.once('exit', () => {
          clearTimeout(t)
          r(null)
        })
      })
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }, 60_000)

  it('serves every request, runs every job without a failure, stores every acknowledged alert', async () => {
    const burnBefore = await availabilityBurn5m()
    const [ops, cmo, admin] = await Promise.all([
      signIn('ops@demo.wardroom.local', DEMO_PASSWORD),
      signIn('cmo@demo.wardroom.local', DEMO_PASSWORD),
      signIn(ADMIN.email, ADMIN.password),
    ])
    const started = Date.now()
    const until = started + SOAK_SECONDS * 1000
    await Promise.all([
      ...[0, 1, 2, 3].map((w) => alertWorker(w, until)),
      ...[0, 1].map((w) => ofrepWorker(w, until)),
      sliWorker(until),
      pageWorker(ops, [], until),
      pageWorker(cmo, ['/slo/system_availability'], until),
      pageWorker(admin, ['/admin/jobs', '/admin/audit', '/admin/users'], until),
      cliWorker(until),
    ])
    const trafficSeconds = (Date.now() - started) / 1000

    // The SLI events reach the burn rates through the jobs' own path: roll up, then evaluate.
    expect((await cron('sli-rollup')).status).toBe('ok')
    expect((await cron('slo-evaluate')).status).toBe('ok')
    const burnAfter = await availabilityBurn5m()

    // Quiet: no run in progress and no lease held by an unfinished run (settled leases guard no work).
    let quiet = false
    for (let i = 0; i < 60 && !quiet; i++) {
      quiet = await withDb(async (c) => {
        const running = await c.query(`SELECT 1 FROM "JobRun" WHERE status = 'running'`)
        const held = await c.query(`SELECT 1 FROM "JobLease" WHERE holder NOT LIKE '%:settled' AND "expiresAt" > now()`)
        return running.rowCount === 0 && held.rowCount === 0
      })
      if (!quiet) await new Promise((r) => setTimeout(r, 500))
    }

    const db = await withDb(async (c) => {
      const runs = await c.query<{ job: string; status: string; n: number }>(`SELECT job, status, count(*)::int AS n FROM "JobRun" WHERE "startedAt" >= $1 GROUP BY job, status`, [new Date(started)])
      const failed = await c.query<{ job: string; error: string }>(`SELECT job, error FROM "JobRun" WHERE status = 'failed' LIMIT 10`)
      const stuck = await c.query(`SELECT job FROM "JobRun" WHERE status = 'running' AND "startedAt" < now() - interval '60 seconds'`)
      const stored = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Alert" WHERE id = ANY($1::uuid[])`, [[...acknowledgedAlerts]])
      return { runs: runs.rows, failed: failed.rows, stuck: stuck.rowCount, stored: stored.rows[0]!.n }
    })

    const log = readFileSync(LOG_FILE, 'utf8').split('\n')
    const protocolErrors = log.filter((l) => /08P01|prepared statement|portal "[^"]*" does not exist|Unable to start a transaction|not queryable/i.test(l))
    const problems = log.filter((l) => /"level":(40|50|60)/.test(l) || /unhandled|uncaught/i.test(l))

    const okRuns = (job: string) => db.runs.filter((r) => r.job === job && r.status === 'ok').reduce((n, r) => n + r.n, 0)
    const summary = {
      trafficSeconds: Math.round(trafficSeconds),
      requests: Object.fromEntries(Object.entries(tallies).map(([k, t]) => [k, { requests: t.requests, byStatus: t.byStatus }])),
      acknowledgedAlerts: acknowledgedAlerts.size,
      storedAlerts: db.stored,
      sliItemsAccepted,
      burn5m: { before: burnBefore, after: burnAfter },
      jobRuns: db.runs.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + r.n }), {}),
      okRunsPerJob: Object.fromEntries(jobNames().map((j) => [j, okRuns(j)])),
      cliRuns: cliRuns.length,
      logLines: log.length,
      warnOrErrorLines: problems.length,
    }
    console.info(`soak summary ${JSON.stringify(summary, null, 2)}`)
    for (const [kind, t] of Object.entries(tallies)) if (t.failures.length) console.info(`${kind} failures:\n  ${t.failures.join('\n  ')}`)
    if (problems.length) console.info(`log lines at warn or above (first 20):\n${problems.slice(0, 20).join('\n')}`)

    // Every request answered as a valid request should be: no 5xx, no 4xx, no dropped connection.
    for (const [kind, t] of Object.entries(tallies)) expect({ kind, failures: t.failures }).toEqual({ kind, failures: [] })
    expect(tallies.alerts!.requests).toBeGreaterThan(100)
    expect(tallies.ofrep!.requests).toBeGreaterThan(100)
    expect(tallies.pages!.requests).toBeGreaterThan(20)
    expect(cliRuns.every((r) => r.code === 0)).toBe(true)
    // Every job ran at least twice, and none failed or stayed running.
    expect(db.failed).toEqual([])
    expect(db.stuck).toBe(0)
    for (const job of jobNames()) expect({ job, atLeastTwo: okRuns(job) >= 2 }).toEqual({ job, atLeastTwo: true })
    expect(quiet).toBe(true)
    // Nothing acknowledged was lost.
    expect(db.stored).toBe(acknowledgedAlerts.size)
    // The SLO dashboard saw the SLI events: half of them bad against a 99.9 % target burns ~500× in 5 minutes.
    expect(sliItemsAccepted).toBeGreaterThan(0)
    expect(burnAfter).not.toBeNull()
    expect(burnAfter!).toBeGreaterThan(100)
    expect(burnAfter!).toBeGreaterThan(burnBefore ?? 0)
    // The log is clean.
    expect(protocolErrors).toEqual([])
    expect(problems).toEqual([])
  }, (SOAK_SECONDS + 240) * 1000)
})
