/**
 * `npm run bench -- pages [--embedded]`: every cockpit page rendered by the production build with the demo
 * data (months of incident history, 90 days of SLO rollups) plus BENCH_INCIDENTS extra incidents spread
 * over 90 days (3,000 by default, a tenth of them open), signed in as an administrator. Per page: time to
 * first byte (the response's headers) and to the full document, p50 and p95 of BENCH_RUNS sequential
 * requests after a warm-up, and the document's size. Goals (issue 17): p50 TTFB ≤ 150 ms and full document
 * ≤ 300 ms on every page. Writes bench-results/pages.json.
 *
 * Knobs: BENCH_INCIDENTS (3000), BENCH_RUNS (15), BENCH_PG_ADMIN_URL.
 */
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { onEachDatabase, watchLoad, type BenchOptions } from './compare'
import { DATABASE_LABEL, RESULTS_DIR, requireBuild, signIn, startBenchServer, type BenchServer } from './server'

const EXTRA_INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 3_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const GOALS = { ttfbMs: 150, fullMs: 300 }
const ADMIN = { email: 'bench-admin@bench.wardroom.local', password: 'bench-admin-password-2026' }

const say = (m: string) => console.log(`[bench pages] ${m}`)

/** Extra incidents over 90 days, as the board and the overview meet them in a busy hospital. */
async function addIncidents(databaseUrl: string, n: number): Promise<void> {
  if (n <= 0) return
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(
      `INSERT INTO "Incident" (id, title, severity, status, "dedupKey", workflows, "alertCount", "openAlertCount", "triggeredAt", "lastAlertAt",
                               "acknowledgedAt", "resolvedAt", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), 'Bench incident ' || g, (ARRAY['critical','high','medium','low'])[1 + g % 4]::"Severity",
              (CASE WHEN g % 10 = 0 THEN 'triggered' ELSE 'resolved' END)::"IncidentStatus", 'bench-page-' || g, ARRAY['diagnosis'],
              1 + g % 5, CASE WHEN g % 10 = 0 THEN 1 ELSE 0 END, t, t,
              CASE WHEN g % 10 = 0 THEN NULL ELSE t + interval '4 minutes' END, CASE WHEN g % 10 = 0 THEN NULL ELSE t + interval '40 minutes' END, t, t
       FROM generate_series(1, $1::int) AS g, LATERAL (SELECT now() - (g * interval '90 days' / $1::int)) AS x(t)`,
      [n],
    )
  } finally {
    await client.end()
  }
}

/** The pages an administrator sees, with one record page of each kind. */
async function pagesOf(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const one = async (sql: string) => ((await client.query<{ v: string }>(sql)).rows[0]?.v ?? null)
    const incident = await one(`SELECT id::text AS v FROM "Incident" WHERE status <> 'resolved' ORDER BY "triggeredAt" DESC LIMIT 1`)
    const slo = await one(`SELECT key AS v FROM "Slo" ORDER BY key LIMIT 1`)
    const flag = await one(`SELECT key AS v FROM "Flag" ORDER BY key LIMIT 1`)
    const report = await one(`SELECT id::text AS v FROM "SlaReport" ORDER BY "generatedAt" DESC LIMIT 1`)
    return [
      '/',
      '/incidents',
      ...(incident ? [`/incidents/${incident}`] : []),
      '/incidents/probes',
      '/oncall',
      '/slo',
      ...(slo ? [`/slo/${slo}`] : []),
      '/slo/reports',
      ...(report ? [`/slo/reports/${report}`] : []),
      '/flags',
      ...(flag ? [`/flags/${flag}`] : []),
      '/flags/experiments',
      '/admin/users',
      '/admin/api-keys',
      '/admin/audit',
      '/admin/jobs',
      '/admin/channels',
    ]
  } finally {
    await client.end()
  }
}

interface PageResult {
  path: string
  bytes: number
  ttfb: { p50: number; p95: number }
  full: { p50: number; p95: number }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * p))]! * 10) / 10
}

async function measurePage(baseUrl: string, cookie: string, page: string): Promise<PageResult> {
  const ttfb: number[] = []
  const full: number[] = []
  let bytes = 0
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now()
    const res = await fetch(`${baseUrl}${page}`, { headers: { cookie }, redirect: 'manual' })
    const t1 = performance.now()
    const body = await res.arrayBuffer()
    const t2 = performance.now()
    if (res.status !== 200) throw new Error(`GET ${page} answered ${res.status}`)
    if (i < 3) continue // warm-up
    ttfb.push(t1 - t0)
    full.push(t2 - t0)
    bytes = body.byteLength
  }
  return { path: page, bytes, ttfb: { p50: pct(ttfb, 0.5), p95: pct(ttfb, 0.95) }, full: { p50: pct(full, 0.5), p95: pct(full, 0.95) } }
}

async function measure(server: BenchServer) {
  say(`adding ${EXTRA_INCIDENTS} incidents over 90 days…`)
  await addIncidents(server.ownerUrl, EXTRA_INCIDENTS)
  const cookie = await signIn(server.baseUrl, ADMIN.email, ADMIN.password)
  const results: PageResult[] = []
  for (const page of await pagesOf(server.databaseUrl)) {
    const r = await measurePage(server.baseUrl, cookie, page)
    results.push(r)
    const ok = r.ttfb.p50 <= GOALS.ttfbMs && r.full.p50 <= GOALS.fullMs
    say(
      `${r.path.padEnd(52)} TTFB p50 ${String(r.ttfb.p50).padStart(6)} ms (p95 ${r.ttfb.p95})   full p50 ${String(r.full.p50).padStart(6)} ms (p95 ${r.full.p95})   ${Math.round(r.bytes / 1024)} KiB ${ok ? '' : ' MISSED'}`,
    )
  }
  const missed = results.filter((r) => r.ttfb.p50 > GOALS.ttfbMs || r.full.p50 > GOALS.fullMs).map((r) => r.path)
  say(missed.length ? `goal (TTFB ≤ ${GOALS.ttfbMs} ms, full ≤ ${GOALS.fullMs} ms) MISSED on ${missed.length} of ${results.length}: ${missed.join(', ')}` : `goal met on all ${results.length} pages`)
  return { pages: results, missed }
}

export async function run(opts: BenchOptions = { embedded: false }): Promise<void> {
  requireBuild(['/api/ping'])
  const whole = watchLoad()
  const runs = await onEachDatabase(opts, async (database) => {
    say(`starting the production build with the demo data on the ${DATABASE_LABEL[database]}…`)
    const server = await startBenchServer({
      name: 'pages',
      readyPath: '/api/ping',
      database,
      env: { WARDROOM_SEED: 'always', WARDROOM_SCHEDULER: 'off', WARDROOM_ADMIN_EMAIL: ADMIN.email, WARDROOM_ADMIN_PASSWORD: ADMIN.password },
    })
    try {
      return await measure(server)
    } finally {
      await server.stop()
    }
  })
  const machine = whole()
  say(`machine: ${os.cpus().length} cores, load average ${machine.loadavgBefore.join(' ')} before, ${machine.loadavgAfter.join(' ')} after`)
  const result = {
    suite: 'pages',
    at: new Date().toISOString(),
    config: { extraIncidents: EXTRA_INCIDENTS, runs: RUNS, scheduler: 'off' },
    machine: { cpus: os.cpus().length, loadavgBefore: machine.loadavgBefore, loadavgAfter: machine.loadavgAfter },
    goals: GOALS,
    service: runs.service[0],
    ...(runs.embedded[0] ? { embedded: runs.embedded[0] } : {}),
  }
  writeFileSync(path.join(RESULTS_DIR, 'pages.json'), `${JSON.stringify(result, null, 2)}\n`)
  say('written to bench-results/pages.json')
}
