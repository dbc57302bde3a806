/**
 * The ingest half of `npm run bench -- analytics` (./analytics.ts): POST /api/analytics/batch over HTTP
 * against a raw COPY of the same rows into the same table, in the same run (issue 13: ≥ 50 %; issue 17:
 * ≥ 70 %).
 *
 * 1. The bench's event types are registered (./analytics-data.ts) and two API keys made: one for the
 *    warm-up, one for the measured run, so the rows of each can be told apart by "apiKeyId".
 * 2. GET /api/ping with the same connections, as the framework's floor on this machine at this moment.
 * 3. Two warm-up batches, then BENCH_ROWS events in batches of 10,000 over `concurrency` keep-alive
 *    connections. A fixed count of rows, not a fixed time: the peer must copy the same rows, and every
 *    answer must be in before they are counted. Every row sent must be stored (counted in the table by the
 *    run's key; a batch refused in part, a duplicate or a lost row fails the run).
 * 4. The peer: the rows the app stored (the 15 columns it writes, exactly as it wrote them) are read back
 *    with a binary COPY TO, the table is emptied, the warm-up rows are copied back in (the same 20,000 rows
 *    in the table as when the HTTP run began), then the run's rows go in with a binary COPY FROM, one
 *    10,000-row COPY per batch over as many streams as HTTP connections, and are counted again.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { COPY_COLUMNS, COPY_EVENTS_SQL, COPY_HEADER } from '../../lib/analytics/copy'
import { BENCH_EVENT_TYPES, makeIngestBatches } from './analytics-data'
import { runLoad, type LoadResult } from './load'
import type { BenchServer } from './server'

export const BATCH = 10_000

export interface IngestFigures {
  ping: LoadResult
  rows: number
  concurrency: number
  http: { seconds: number; rowsPerSecond: number; batchP50Ms: number; batchP99Ms: number; errors: number; statuses: Record<string, number>; stored: number }
  copy: { seconds: number; rowsPerSecond: number; batchP50Ms: number; batchP99Ms: number; stored: number }
  /** HTTP rows/s ÷ COPY rows/s. */
  ratio: number
  /** GET /api/ping req/s on this server just before, for comparing runs. */
  pingPerSecond: number
}

const say = (m: string) => console.log(`[bench analytics] ${m}`)

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

const countOf = (url: string, apiKeyId: string) =>
  withClient(url, async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM "AnalyticsEvent" WHERE "apiKeyId" = $1', [apiKeyId])).rows[0]!.n)

/** The rows stored under one key, in the order they were inserted, as one binary COPY body. */
async function exportRows(url: string, apiKeyId: string): Promise<Buffer> {
  return withClient(url, async (c) => {
    const columns = COPY_COLUMNS.map((col) => `"${col}"`).join(', ')
    const literal = `'${apiKeyId.replace(/'/g, "''")}'`
    const chunks: Buffer[] = []
    const stream = c.query(copyTo(`COPY (SELECT ${columns} FROM "AnalyticsEvent" WHERE "apiKeyId" = ${literal} ORDER BY id) TO STDOUT (FORMAT binary)`))
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    await new Promise<void>((resolve, reject) => stream.on('end', resolve).on('error', reject))
    return Buffer.concat(chunks)
  })
}

/** A binary COPY body cut into bodies of `size` rows each (header and trailer on each). */
export function splitCopyBinary(body: Buffer, size: number): Buffer[] {
  if (!body.subarray(0, 11).equals(COPY_HEADER.subarray(0, 11))) throw new Error('Not a binary COPY body')
  let o = 19 + body.readInt32BE(15)
  const trailer = Buffer.from([0xff, 0xff])
  const out: Buffer[] = []
  let start = o
  let rows = 0
  for (;;) {
    const fields = body.readInt16BE(o)
    if (fields === -1) break
    o += 2
    for (let f = 0; f < fields; f++) {
      const n = body.readInt32BE(o)
      o += 4 + Math.max(0, n)
    }
    if (++rows === size) {
      out.push(Buffer.concat([COPY_HEADER, body.subarray(start, o), trailer]))
      start = o
      rows = 0
    }
  }
  if (rows > 0) out.push(Buffer.concat([COPY_HEADER, body.subarray(start, o), trailer]))
  return out
}

/** COPY of the bodies, `concurrency` streams; wall-clock seconds and each body's milliseconds. */
async function copyBodies(url: string, bodies: Buffer[], concurrency: number): Promise<{ seconds: number; batchMs: number[] }> {
  const pool = new pg.Pool({ connectionString: url, max: concurrency })
  const batchMs: number[] = []
  let next = 0
  const started = performance.now()
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const client = await pool.connect()
        try {
          for (let i = next++; i < bodies.length; i = next++) {
            const t = performance.now()
            await pipeline(Readable.from([bodies[i]!]), client.query(copyFrom(COPY_EVENTS_SQL)))
            batchMs.push(performance.now() - t)
          }
        } finally {
          client.release()
        }
      }),
    )
    return { seconds: (performance.now() - started) / 1000, batchMs }
  } finally {
    await pool.end()
  }
}

const percentileOf = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10
}

/** The whole comparison on one server (its database already migrated by the server). */
export async function measureIngest(server: BenchServer, opts: { rows: number; concurrency: number; pingCount: number }): Promise<IngestFigures> {
  process.env.DATABASE_URL = server.databaseUrl
  const { closeDb, db } = await import('../../lib/db')
  try {
    const { createApiKey } = await import('../../lib/admin/commands/api-keys')
    const { systemActor } = await import('../../lib/auth/actor')
    for (const t of BENCH_EVENT_TYPES) {
      await db.analyticsEventType.upsert({
        where: { name: t.name },
        create: { name: t.name, status: 'registered', owner: 'bench', properties: t.properties },
        update: { status: 'registered', properties: t.properties },
      })
    }
    const keyFor = async (name: string) => (await createApiKey(systemActor('bench'), { name: `bench-analytics-${name}-${Date.now()}`, scopes: ['events:write'], environment: 'production' }))
    const warmKey = await keyFor('warm')
    const runKey = await keyFor('run')

    const pingReq = () => ({ method: 'GET' as const, path: '/api/ping' })
    const base = { baseUrl: server.baseUrl, concurrency: opts.concurrency }
    await runLoad({ ...base, count: Math.max(1, opts.pingCount / 5), request: pingReq, okStatus: [200] })
    const ping = await runLoad({ ...base, count: opts.pingCount, request: pingReq, okStatus: [200] })
    say(`GET /api/ping (trivial route): ${ping.perSecond} req/s, p99 ${ping.latencyMs.p99} ms, errors ${ping.errors}`)

    const tag = `${server.database}-${Date.now().toString(36)}`
    const warm = makeIngestBatches(Date.now(), 2 * BATCH, BATCH, `warm-${tag}`, 3)
    say(`generating ${opts.rows.toLocaleString('en')} events in batches of ${BATCH.toLocaleString('en')}…`)
    const run = makeIngestBatches(Date.now(), opts.rows, BATCH, `run-${tag}`)
    const post = (key: string, bodies: string[]) =>
      runLoad({
        ...base,
        count: bodies.length,
        okStatus: [202],
        request: (i) => ({ method: 'POST', path: '/api/analytics/batch', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: bodies[i]! }),
      })
    const warmed = await post(warmKey.key, warm.bodies)
    if (warmed.errors) throw new Error(`The warm-up batches failed: ${JSON.stringify(warmed.statuses)}`)
    say(`POST /api/analytics/batch: ${run.bodies.length} batches over ${opts.concurrency} connections…`)
    const http = await post(runKey.key, run.bodies)
    const stored = await countOf(server.databaseUrl, runKey.row.id)
    const httpRate = Math.round(opts.rows / http.seconds)
    say(`HTTP ingest: ${httpRate.toLocaleString('en')} rows/s (${http.seconds} s; batch p50 ${http.latencyMs.p50} ms, p99 ${http.latencyMs.p99} ms); ${stored.toLocaleString('en')} of ${opts.rows.toLocaleString('en')} rows stored`)

    // The peer: the same rows, as the app stored them, with COPY into the same table.
    const warmRows = splitCopyBinary(await exportRows(server.ownerUrl, warmKey.row.id), BATCH)
    const runRows = splitCopyBinary(await exportRows(server.ownerUrl, runKey.row.id), BATCH)
    await withClient(server.ownerUrl, (c) => c.query('TRUNCATE "AnalyticsEvent"'))
    await copyBodies(server.databaseUrl, warmRows, opts.concurrency)
    say(`COPY of the same ${stored.toLocaleString('en')} rows, ${opts.concurrency} streams…`)
    const copy = await copyBodies(server.databaseUrl, runRows, opts.concurrency)
    const copied = await countOf(server.databaseUrl, runKey.row.id)
    const copyRate = Math.round(stored / copy.seconds)
    const ratio = Math.round((httpRate / copyRate) * 100) / 100
    say(`COPY: ${copyRate.toLocaleString('en')} rows/s (${Math.round(copy.seconds * 1000) / 1000} s); HTTP ingest is ${Math.round(ratio * 100)} % of it`)
    if (stored !== opts.rows || http.errors || copied !== stored) {
      throw new Error(`Rows lost: ${opts.rows} sent, ${stored} stored (${http.errors} batches failed: ${JSON.stringify(http.statuses)}), ${copied} copied`)
    }
    return {
      ping,
      rows: opts.rows,
      concurrency: opts.concurrency,
      http: { seconds: http.seconds, rowsPerSecond: httpRate, batchP50Ms: http.latencyMs.p50, batchP99Ms: http.latencyMs.p99, errors: http.errors, statuses: http.statuses, stored },
      copy: { seconds: Math.round(copy.seconds * 1000) / 1000, rowsPerSecond: copyRate, batchP50Ms: percentileOf(copy.batchMs, 0.5), batchP99Ms: percentileOf(copy.batchMs, 0.99), stored: copied },
      ratio,
      pingPerSecond: ping.perSecond,
    }
  } finally {
    await closeDb()
  }
}
