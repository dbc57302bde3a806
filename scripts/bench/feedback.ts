/**
 * `npm run bench -- feedback [--embedded]`: clinician feedback submissions/s over HTTP on PostgreSQL, and the
 * widget's size.
 * - POST /api/feedback with an API key (scope feedback:write): distinct reports (each redacted, triaged,
 *   compared with the open items by pg_trgm and stored under the submissions' advisory lock), then retries
 *   of already-stored reports (the idempotency path: the first answer again, 200).
 * - POST /api/feedback/widget/<site key> with an allowed Origin: the widget's path (CORS, per-key limits off
 *   as for every bench server, the same command behind it).
 * - public/widget.js: bytes and gzipped bytes (the issue's limit: 15 kB gzipped).
 * After the run the data is checked: every 201 stored once. Writes bench-results/feedback.json. About 30 s.
 *
 * Knobs: BENCH_COUNT (400 per phase), BENCH_CONCURRENCY (8).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { gzipBytes, WIDGET_OUT } from '../build-widget'
import { runLoad, type LoadResult } from './load'
import { onEachDatabase, watchLoad, type BenchOptions } from './compare'
import { DATABASE_LABEL, RESULTS_DIR, requireBuild, startBenchServer, type BenchServer } from './server'

const COUNT = Number(process.env.BENCH_COUNT ?? 400)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const WIDGET_LIMIT = 15 * 1024
const HOST_ORIGIN = 'https://ehr.bench.example.org'

const say = (m: string) => console.log(`[bench feedback] ${m}`)
const line = (name: string, r: LoadResult) =>
  `${name.padEnd(22)} ${String(r.perSecond).padStart(6)} req/s   p50 ${r.latencyMs.p50} ms   p90 ${r.latencyMs.p90} ms   p99 ${r.latencyMs.p99} ms   errors ${r.errors}`

// Reports read like a ward's: a screen, what went wrong, a detail; the run id and a counter keep each distinct.
const SCREENS = ['medication list', 'discharge summary', 'sepsis score', 'lab results panel', 'handover note', 'ward board', 'order entry', 'vitals chart']
const PROBLEMS = ['loads slowly', 'shows the wrong unit', 'freezes after saving', 'suggests an outdated guideline', 'hides the last value', 'logs me out', 'is hard to read at night', 'duplicates entries']
const DETAILS = ['on the night shift', 'after the update', 'on the ward tablets', 'when two tabs are open', 'for transferred patients', 'since Monday']
const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!

function description(run: string, i: number): string {
  return `The ${pick(SCREENS, i)} ${pick(PROBLEMS, Math.floor(i / 8))} ${pick(DETAILS, Math.floor(i / 64))} (${run}-${i})`
}

async function makeKeys(databaseUrl: string): Promise<{ apiKey: string; siteKey: string }> {
  process.env.DATABASE_URL = databaseUrl
  // The site key's secret is sealed with this process's secret: the server cannot open it, so the bench
  // sends no identity tokens (their HMAC is microseconds beside the write).
  process.env.WARDROOM_SECRET ||= randomBytes(32).toString('base64url')
  const { createApiKey } = await import('../../lib/admin/commands/api-keys')
  const { createSiteKey } = await import('../../lib/feedback/site-keys')
  const { systemActor } = await import('../../lib/auth/actor')
  const { closeDb } = await import('../../lib/db')
  const { key } = await createApiKey(systemActor('bench'), { name: `bench-feedback-${Date.now()}`, scopes: ['feedback:write'], environment: 'production' })
  const site = await createSiteKey(systemActor('bench'), { name: `bench-widget-${Date.now()}`, origins: [HOST_ORIGIN] })
  await closeDb()
  return { apiKey: key, siteKey: site.row.publicId }
}

async function stored(databaseUrl: string, run: string): Promise<{ items: number; duplicatesMerged: number; distinctKeys: number }> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ items: string; merged: string; keys: string }>(
      `SELECT count(*)::text AS items, count("parentId")::text AS merged, count(DISTINCT "idempotencyKey")::text AS keys FROM "FeedbackItem" WHERE description LIKE $1`,
      [`%(${run}-%`],
    )
    return { items: Number(rows[0]!.items), duplicatesMerged: Number(rows[0]!.merged), distinctKeys: Number(rows[0]!.keys) }
  } finally {
    await client.end()
  }
}

async function measure(server: BenchServer) {
  const { apiKey, siteKey } = await makeKeys(server.databaseUrl)
  const run = randomUUID().slice(0, 8)
  const base = { baseUrl: server.baseUrl, concurrency: CONCURRENCY }
  const apiHeaders = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
  const report = (i: number) => ({
    method: 'POST' as const,
    path: '/api/feedback',
    headers: apiHeaders,
    body: JSON.stringify({ type: i % 5 === 0 ? 'suggestion' : 'bug', description: description(run, i), idempotencyKey: `${run}-api-${i}`, context: { department: pick(['ICU', 'ED', 'Ward 4'], i) } }),
  })
  const widget = (i: number) => ({
    method: 'POST' as const,
    path: `/api/feedback/widget/${siteKey}`,
    headers: { origin: HOST_ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'bug', description: description(run, COUNT + i), idempotencyKey: `${run}-widget-${i}`, browserToken: randomBytes(18).toString('base64url') }),
  })

  say('warming up…')
  await runLoad({ ...base, count: 100, request: () => ({ method: 'GET', path: '/api/ping' }), okStatus: [200] })
  say('measuring POST /api/feedback, distinct reports (API key)…')
  const distinct = await runLoad({ ...base, count: COUNT, request: report, okStatus: [201] })
  say(line('distinct reports', distinct))
  say('measuring POST /api/feedback, retries of stored reports (idempotency key)…')
  const retries = await runLoad({ ...base, count: COUNT, request: (i) => report(i % COUNT), okStatus: [200] })
  say(line('retries', retries))
  say('measuring POST /api/feedback/widget/<key> (site key, allowed origin)…')
  const viaWidget = await runLoad({ ...base, count: COUNT, request: widget, okStatus: [201] })
  say(line('widget submissions', viaWidget))

  const data = await stored(server.databaseUrl, run)
  const expected = distinct.ok + viaWidget.ok
  const verdict = { noErrors: distinct.errors + retries.errors + viaWidget.errors === 0, storedOnce: data.items === expected && data.distinctKeys === expected }
  say(`check: ${data.items} items stored for ${expected} answered 201 (${verdict.storedOnce ? 'each once' : 'MISMATCH'}); ${data.duplicatesMerged} merged as duplicates of an earlier report`)
  return { distinct, retries, widget: viaWidget, check: data, verdict }
}

export async function run(opts: BenchOptions = { embedded: false }): Promise<void> {
  requireBuild(['/api/feedback', '/api/ping'])
  const code = readFileSync(WIDGET_OUT, 'utf8')
  const size = { bytes: Buffer.byteLength(code), gzipBytes: gzipBytes(code), limitGzipBytes: WIDGET_LIMIT }
  say(`public/widget.js: ${size.bytes} bytes, ${size.gzipBytes} bytes gzipped (limit ${WIDGET_LIMIT}: ${size.gzipBytes <= WIDGET_LIMIT ? 'met' : 'MISSED'})`)

  const whole = watchLoad()
  const runs = await onEachDatabase(opts, async (database) => {
    say(`starting the production build on the ${DATABASE_LABEL[database]} (${COUNT} requests per phase, ${CONCURRENCY} connections)…`)
    const server = await startBenchServer({ name: 'feedback', readyPath: '/api/ping', env: { WARDROOM_SCHEDULER: 'off' }, database })
    try {
      return await measure(server)
    } finally {
      await server.stop()
    }
  })
  const machine = whole()
  const result = {
    suite: 'feedback',
    at: new Date().toISOString(),
    config: { count: COUNT, concurrency: CONCURRENCY, scheduler: 'off' },
    machine: { cpus: os.cpus().length, nproc: machine.nproc, model: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadavgBefore: machine.loadavgBefore, loadavgAfter: machine.loadavgAfter },
    widget: size,
    service: runs.service[0],
    ...(runs.embedded[0] ? { embedded: runs.embedded[0] } : {}),
  }
  const out = path.join(RESULTS_DIR, 'feedback.json')
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
  say(`written to ${path.relative(process.cwd(), out)}`)
  if (size.gzipBytes > WIDGET_LIMIT || [...runs.service, ...runs.embedded].some((r) => !r.verdict.noErrors || !r.verdict.storedOnce)) process.exitCode = 1
}
