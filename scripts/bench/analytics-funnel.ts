/**
 * The funnel half of `npm run bench -- analytics` (./analytics.ts): a 3-step funnel over `rows` events
 * against one sequential scan of the same rows (issue 13: the funnel ≤ 2× the scan).
 *
 * - Rows: a month of its own (dropped and made anew each run, so the scan reads exactly these rows):
 *   rows/100 users, 12 event names; each user runs the 3-step workflow a few times a day (step 2 after 1 to
 *   10 min with 80 %, step 3 after that with 70 %) among other events, so about a quarter of the rows are
 *   step events. Written with COPY (text), then VACUUM ANALYZE (as autovacuum would leave the table).
 * - The scan: `SELECT sum(length("userKey")) FROM "AnalyticsEvent" WHERE "occurredAt" >= from AND
 *   "occurredAt" < to + window` — every row of the range read, one column of each used (a bare count(*)
 *   may read no column at all).
 * - The funnel: computeFunnelBreakdown (lib/analytics/funnel-engine.ts) over the same range, window 1 h,
 *   in a transaction of its own as the app runs it (so its settings, FUNNEL_SETTINGS_SQL, apply).
 * - Each 3 times, alternating, after one warm-up of each; the ratio is of the medians. With `alsoChains`,
 *   the same funnel through the per-event aggregate too (what window functions replaced), for the record.
 */
import os from 'node:os'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { computeFunnelBreakdown, type EngineQuery } from '../../lib/analytics/funnel-engine'
import type { Sql } from '../../lib/tx'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const STEPS = ['bench_case_opened', 'bench_ai_shown', 'bench_case_closed']
const OTHERS = ['bench_page', 'bench_search', 'bench_note', 'bench_order', 'bench_lab', 'bench_image', 'bench_chat', 'bench_alert', 'bench_sign']
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const DEPARTMENTS = ['Emergency', 'Internal Medicine', 'Cardiology', 'Paediatrics', 'Oncology', 'Intensive Care', 'Pharmacy']

export interface FunnelBenchOptions {
  rows: number
  runs?: number
  /** The month the rows get, as 'YYYY-MM' (default: one per size, far in the future). */
  month?: string
  /** Keep the month's rows when it already holds exactly `rows` of them (written by an earlier run). */
  reuse?: boolean
  /** Also time the per-event aggregate (`engine: 'chains'`), as the funnel was before window functions. */
  alsoChains?: boolean
  log?: (m: string) => void
}

export interface FunnelBenchResult {
  rows: number
  users: number
  stepEvents: number
  range: { from: string; to: string; windowMs: number }
  generateSeconds: number
  scan: { sql: string; ms: number[]; medianMs: number }
  funnel: { ms: number[]; medianMs: number; users: number[] }
  /** With alsoChains: the same funnel through the per-event aggregate, and its ratio to the scan. */
  chains?: { ms: number[]; medianMs: number; ratio: number }
  /** funnel median ÷ scan median (goal ≤ 2). */
  ratio: number
  loadavg: { before: number[]; after: number[] }
}

/** mulberry32, as the demo (deterministic rows for a given size). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** COPY text lines, a chunk of users at a time: userKey, occurredAt, type, event, department, role, site, appVersion. */
function* copyChunks(rows: number, start: number, days: number): Generator<string> {
  const rnd = random(rows)
  const users = Math.max(1, Math.round(rows / 100))
  const perUser = rows / users
  let written = 0
  for (let u = 0; u < users && written < rows; u++) {
    const quota = Math.min(rows - written, Math.round(perUser * (u + 1)) - Math.round(perUser * u))
    // Shaped as the real pseudonyms (u_ + 22 base64url characters of an HMAC): sorting depends on it.
    let key = 'u_'
    for (let c = 0; c < 22; c++) key += B64URL[Math.floor(rnd() * 64)]
    const dept = DEPARTMENTS[u % DEPARTMENTS.length]!
    const tail = `\t${dept}\t${u % 3 === 0 ? 'nurse' : 'physician'}\t${u % 2 ? 'North' : 'South'}\t${u % 5 ? '4.2' : '4.1'}\n`
    const events: [number, string][] = []
    while (events.length < quota) {
      const t = start + Math.floor(rnd() * (days * DAY - HOUR))
      if (rnd() < 0.1) {
        events.push([t, STEPS[0]!])
        let at = t + MIN + Math.floor(rnd() * 9 * MIN)
        if (rnd() < 0.8) {
          events.push([at, STEPS[1]!])
          at += MIN + Math.floor(rnd() * 9 * MIN)
          if (rnd() < 0.7) events.push([at, STEPS[2]!])
        }
      } else {
        events.push([t, OTHERS[Math.floor(rnd() * OTHERS.length)]!])
      }
    }
    events.length = quota
    let chunk = ''
    for (const [t, e] of events) chunk += `${key}\t${new Date(t).toISOString()}\ttrack\t${e}${tail}`
    written += quota
    yield chunk
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now()
  await fn()
  return Math.round((performance.now() - t) * 10) / 10
}

export async function benchFunnel(pool: pg.Pool, opts: FunnelBenchOptions): Promise<FunnelBenchResult> {
  const log = opts.log ?? (() => {})
  const runs = opts.runs ?? 3
  const month = opts.month ?? `2031-${String(1 + (Math.round(Math.log10(Math.max(10, opts.rows))) % 12)).padStart(2, '0')}`
  const start = Date.parse(`${month}-01T00:00:00Z`)
  const days = 28
  const from = new Date(start)
  const to = new Date(start + days * DAY - HOUR)
  const windowMs = HOUR
  const partition = `AnalyticsEvent_${month.replace('-', '_')}`
  const loadBefore = os.loadavg()

  const began = performance.now()
  const exists = Boolean((await pool.query('SELECT to_regclass($1) AS r', [`"${partition}"`])).rows[0]?.r)
  const held = exists && opts.reuse ? Number((await pool.query(`SELECT count(*)::int AS n FROM "${partition}"`)).rows[0]?.n) : -1
  if (held !== opts.rows) {
    if (exists) await pool.query('SELECT analytics_drop_partition($1)', [partition])
    await pool.query('SELECT analytics_create_partition($1::date)', [`${month}-01`])
    const client = await pool.connect()
    try {
      await pipeline(
        Readable.from(copyChunks(opts.rows, start, days)),
        client.query(copyFrom(`COPY "AnalyticsEvent" ("userKey", "occurredAt", type, event, department, role, site, "appVersion") FROM STDIN`)),
      )
    } finally {
      client.release()
    }
  }
  await pool.query(`VACUUM ANALYZE "${partition}"`)
  const generateSeconds = Math.round((performance.now() - began) / 100) / 10
  log(`funnel bench: ${opts.rows.toLocaleString('en')} rows in ${partition} in ${generateSeconds} s`)

  const [{ users, step_events: stepEvents }] = (
    await pool.query<{ users: number; step_events: number }>(
      `SELECT count(DISTINCT "userKey")::int AS users, count(*) FILTER (WHERE event = ANY($1))::int AS step_events FROM "${partition}"`,
      [STEPS],
    )
  ).rows as [{ users: number; step_events: number }]

  const scanSql = `SELECT sum(length("userKey")) FROM "AnalyticsEvent" WHERE "occurredAt" >= $1::timestamptz AND "occurredAt" < $2::timestamptz + make_interval(secs => $3::bigint / 1000.0)`
  const scan = () => pool.query(scanSql, [from.toISOString(), to.toISOString(), windowMs])
  // As the app runs it (funnel-report.ts): in a transaction of its own, so FUNNEL_SETTINGS_SQL applies.
  const inTransaction = async <T>(work: (sql: Sql) => Promise<T>): Promise<T> => {
    const c = await pool.connect()
    try {
      await c.query('BEGIN')
      const result = await work({ query: async <R>(text: string, values: readonly unknown[] = []) => (await c.query(text, values as unknown[])).rows as R[] })
      await c.query('COMMIT')
      return result
    } catch (err) {
      await c.query('ROLLBACK')
      throw err
    } finally {
      c.release()
    }
  }
  const query: EngineQuery = { steps: STEPS.map((event) => ({ event, filters: {} })), from, to, conversionWindowMs: windowMs }
  let funnelUsers: number[] = []
  const funnel = async () => {
    const r = await inTransaction((sql) => computeFunnelBreakdown(sql, query))
    funnelUsers = r.overall.steps.map((s) => s.users)
  }

  await scan()
  await funnel()
  const scanMs: number[] = []
  const funnelMs: number[] = []
  for (let i = 0; i < runs; i++) {
    scanMs.push(await timed(scan))
    funnelMs.push(await timed(funnel))
  }
  let chains: FunnelBenchResult['chains']
  if (opts.alsoChains) {
    const chainsMs: number[] = []
    for (let i = 0; i < runs; i++) chainsMs.push(await timed(() => inTransaction((sql) => computeFunnelBreakdown(sql, { ...query, engine: 'chains' }))))
    chains = { ms: chainsMs, medianMs: median(chainsMs), ratio: Math.round((median(chainsMs) / median(scanMs)) * 100) / 100 }
  }
  const result: FunnelBenchResult = {
    rows: opts.rows,
    users,
    stepEvents,
    range: { from: from.toISOString(), to: to.toISOString(), windowMs },
    generateSeconds,
    scan: { sql: scanSql, ms: scanMs, medianMs: median(scanMs) },
    funnel: { ms: funnelMs, medianMs: median(funnelMs), users: funnelUsers },
    ratio: Math.round((median(funnelMs) / median(scanMs)) * 100) / 100,
    ...(chains ? { chains } : {}),
    loadavg: { before: loadBefore, after: os.loadavg() },
  }
  log(`funnel bench: scan ${result.scan.medianMs} ms, funnel ${result.funnel.medianMs} ms (${result.ratio}×), users per step ${funnelUsers.join(' → ')}`)
  return result
}
