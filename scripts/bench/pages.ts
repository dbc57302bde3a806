/**
 * `npm run bench -- pages [--embedded]`: every cockpit page rendered by the production build with the demo
 * data (months of incident history, 90 days of SLO rollups) plus BENCH_INCIDENTS extra incidents spread
 * over 90 days (3,000 by default, a tenth of them open), signed in as an administrator. Per page: time to
 * first byte (the response's headers) and to the full document, p50 and p95 of BENCH_RUNS sequential
 * requests after a warm-up, and the document's size. Goals (issue 17): p50 TTFB ≤ 150 ms and full document
 * ≤ 300 ms on every page. Writes bench-results/pages.json.
 *
 * The pages are every app/(cockpit)/…/page.tsx (./page-routes.ts); a dynamic one is filled with a real
 * record of the demo (EXAMPLES below: a new dynamic page fails the run until it has a lookup there).
 *
 * Knobs: BENCH_INCIDENTS (3000), BENCH_RUNS (15), BENCH_PG_ADMIN_URL.
 */
import { readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { onEachDatabase, watchLoad, type BenchOptions } from './compare'
import { fillPattern, isDynamic, patternsOf, planPages, type PagePlan } from './page-routes'
import { DATABASE_LABEL, RESULTS_DIR, requireBuild, signIn, startBenchServer, type BenchDatabase, type BenchServer } from './server'

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

const COCKPIT_DIR = path.resolve('app/(cockpit)')

/**
 * One real record for each dynamic page, by its pattern: the named columns fill the pattern's segments.
 * A new dynamic page fails the bench until it has a line here (scripts/bench/page-routes.ts).
 */
const EXAMPLES: Record<string, string> = {
  '/admin/jobs/[name]': `SELECT 'slo-evaluate' AS name`,
  '/analytics/workflows/[key]': `SELECT key FROM "AnalyticsWorkflow" ORDER BY key LIMIT 1`,
  '/competitors/[key]': `SELECT key FROM "Competitor" ORDER BY key LIMIT 1`,
  '/competitors/cells/[product]/[capability]': `SELECT c.key AS product, k.key AS capability FROM "CompetitorEvidence" e
     JOIN "Competitor" c ON c.id = e."competitorId" JOIN "Capability" k ON k.id = e."capabilityId" ORDER BY e."observedAt" DESC LIMIT 1`,
  '/feedback/[id]': `SELECT id::text AS id FROM "FeedbackItem" ORDER BY "createdAt" DESC LIMIT 1`,
  '/flags/[key]': `SELECT key FROM "Flag" ORDER BY key LIMIT 1`,
  '/flags/experiments/[key]': `SELECT key FROM "Experiment" ORDER BY key LIMIT 1`,
  '/incidents/[id]': `SELECT id::text AS id FROM "Incident" WHERE status <> 'resolved' ORDER BY "triggeredAt" DESC LIMIT 1`,
  '/roadmap/[id]': `SELECT id::text AS id FROM "RoadmapItem" ORDER BY number LIMIT 1`,
  '/roadmap/reviews/[quarter]': `SELECT quarter FROM "RoadmapReview" ORDER BY quarter DESC LIMIT 1`,
  '/services/[key]': `SELECT key FROM "Service" ORDER BY key LIMIT 1`,
  '/slo/[key]': `SELECT key FROM "Slo" ORDER BY key LIMIT 1`,
  '/slo/manage/[key]': `SELECT key FROM "Slo" ORDER BY key LIMIT 1`,
  '/slo/reports/[id]': `SELECT id::text AS id FROM "SlaReport" ORDER BY "generatedAt" DESC LIMIT 1`,
}

/** Every cockpit page (app/(cockpit)/…/page.tsx), dynamic ones with one real record of the database. */
async function pagesOf(databaseUrl: string): Promise<PagePlan> {
  const files = readdirSync(COCKPIT_DIR, { recursive: true }).map(String)
  const patterns = patternsOf(files)
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const examples: Record<string, string | null> = {}
    for (const pattern of patterns.filter((p) => isDynamic(p) && EXAMPLES[p])) {
      const row = (await client.query<Record<string, string>>(EXAMPLES[pattern]!)).rows[0]
      examples[pattern] = row ? fillPattern(pattern, row) : null
    }
    const plan = planPages(patterns, examples)
    if (plan.unknown.length) throw new Error(`No example record for ${plan.unknown.join(', ')}: add a lookup to EXAMPLES in scripts/bench/pages.ts`)
    return plan
  } finally {
    await client.end()
  }
}

export interface PageResult {
  path: string
  /** Set when the page did not answer 200 (its timings are then 0): the page counts as missed. */
  error?: string
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
    if (res.status !== 200) return { path: page, error: `answered ${res.status}`, bytes: 0, ttfb: { p50: 0, p95: 0 }, full: { p50: 0, p95: 0 } }
    if (i < 3) continue // warm-up
    ttfb.push(t1 - t0)
    full.push(t2 - t0)
    bytes = body.byteLength
  }
  return { path: page, bytes, ttfb: { p50: pct(ttfb, 0.5), p95: pct(ttfb, 0.95) }, full: { p50: pct(full, 0.5), p95: pct(full, 0.95) } }
}

export const pageMet = (r: PageResult) => !r.error && r.ttfb.p50 <= GOALS.ttfbMs && r.full.p50 <= GOALS.fullMs

async function measure(server: BenchServer) {
  say(`adding ${EXTRA_INCIDENTS} incidents over 90 days…`)
  await addIncidents(server.ownerUrl, EXTRA_INCIDENTS)
  const cookie = await signIn(server.baseUrl, ADMIN.email, ADMIN.password)
  const plan = await pagesOf(server.databaseUrl)
  if (plan.noRecord.length) say(`no demo record for ${plan.noRecord.join(', ')}: not measured`)
  const results: PageResult[] = []
  for (const page of plan.paths) {
    const r = await measurePage(server.baseUrl, cookie, page)
    results.push(r)
    say(
      r.error
        ? `${r.path.padEnd(52)} ${r.error} MISSED`
        : `${r.path.padEnd(52)} TTFB p50 ${String(r.ttfb.p50).padStart(6)} ms (p95 ${r.ttfb.p95})   full p50 ${String(r.full.p50).padStart(6)} ms (p95 ${r.full.p95})   ${Math.round(r.bytes / 1024)} KiB ${pageMet(r) ? '' : ' MISSED'}`,
    )
  }
  const missed = results.filter((r) => !pageMet(r)).map((r) => r.path)
  say(missed.length ? `goal (TTFB ≤ ${GOALS.ttfbMs} ms, full ≤ ${GOALS.fullMs} ms) MISSED on ${missed.length} of ${results.length}: ${missed.join(', ')}` : `goal met on all ${results.length} pages`)
  return { pages: results, missed, noRecord: plan.noRecord }
}

export type PagesRun = Awaited<ReturnType<typeof measure>>

/** The suite's measurement on one database: its own server with the demo data, signed in as an administrator. */
export async function measurePagesOn(database: BenchDatabase): Promise<PagesRun> {
  say(`starting the production build with the demo data on the ${DATABASE_LABEL[database]}…`)
  const server = await startBenchServer({
    name: 'pages',
    readyPath: '/api/ping',
    database,
    // The demo data loads before the server listens: over a minute on a busy machine.
    readySeconds: 600,
    env: { WARDROOM_SEED: 'always', WARDROOM_SCHEDULER: 'off', WARDROOM_ADMIN_EMAIL: ADMIN.email, WARDROOM_ADMIN_PASSWORD: ADMIN.password },
  })
  try {
    return await measure(server)
  } finally {
    await server.stop()
  }
}

export async function run(opts: BenchOptions = { embedded: false }): Promise<void> {
  requireBuild(['/api/ping'])
  const whole = watchLoad()
  const runs = await onEachDatabase(opts, measurePagesOn)
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
