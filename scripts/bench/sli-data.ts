/**
 * The data of `npm run bench -- sli` (./sli.ts): a throwaway database for the run without a build, the
 * ingest batches (the same rows as an HTTP body and as COPY text), the COPY baseline, and the SLOs with 30
 * days of rollups that the evaluation is timed on.
 */
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Without a build there is no server to create and migrate the database: do it here. */
export async function ownDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = 'wr_bench_sli_direct'
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`)
  const base = new URL(adminUrl)
  base.pathname = `/${name}`
  const url = base.toString()
  const { migrate } = await import('@/lib/migrations')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await migrate(client)
  await client.end()
  return { url, drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

export interface Batch {
  json: string
  copy: string
}

/** The same rows as an HTTP body and as COPY text. */
export function makeBatches(now: number, rows: number, batch: number): Batch[] {
  const out: Batch[] = []
  for (let b = 0; b < Math.ceil(rows / batch); b++) {
    const items: string[] = []
    const lines: string[] = []
    for (let i = 0; i < batch && b * batch + i < rows; i++) {
      const at = new Date(now - (((b * batch + i) * 17) % 3_600_000)).toISOString()
      const value = 300 + ((b * 7919 + i * 104_729) % 2400)
      const workflow = i % 3 === 0 ? 'emergency_triage' : 'diagnosis'
      items.push(`{"sli":"patient_response_time","service":"bench-ingest","workflow":"${workflow}","at":"${at}","value":${value}}`)
      lines.push(`patient_response_time\tbench-ingest\t${workflow}\t${at}\t${value}\t\\N\t\\N\n`)
    }
    out.push({ json: `{"events":[${items.join(',')}]}`, copy: lines.join('') })
  }
  return out
}

/** COPY of the batches, `concurrency` streams; wall-clock seconds and each batch's milliseconds. */
export async function copyBatches(databaseUrl: string, batches: Batch[], concurrency: number): Promise<{ seconds: number; batchMs: number[] }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency })
  const batchMs: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = await pool.connect()
      try {
        for (let i = next++; i < batches.length; i = next++) {
          const t = performance.now()
          const stream = client.query(copyFrom(`COPY "SliEvent" (sli, service, workflow, at, value, good, total) FROM STDIN`))
          await pipeline(Readable.from([batches[i]!.copy]), stream)
          batchMs.push(performance.now() - t)
        }
      } finally {
        client.release()
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  await pool.end()
  return { seconds, batchMs }
}

/** `count` SLOs (20 in the bench) with 30 days of per-minute rollups (864,000 rows): a 0.05 % error baseline, four burning in the last hour. */
export async function evaluationData(databaseUrl: string, ownerUrl: string, now: Date, count: number): Promise<string[]> {
  const keys = Array.from({ length: count }, (_, i) => `bench_eval_${String(i).padStart(2, '0')}`)
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(
      `INSERT INTO "Slo" (id, key, name, sli, "sliType", service, target, budgeting, "updatedAt")
       SELECT gen_random_uuid(), k, k, 'system_availability', 'ratio', 'bench-eval', 0.999,
              CASE WHEN right(k, 1) = '7' THEN 'timeslices' ELSE 'occurrences' END, now()
       FROM unnest($1::text[]) AS k`,
      [keys],
    )
    const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000)
    await client.query(
      `INSERT INTO "SloRollup" ("sloId", minute, good, total)
       SELECT s.id, m, CASE WHEN m > $2::timestamptz - interval '1 hour' AND right(s.key, 1) IN ('0', '5') THEN 80 ELSE 100 - (extract(minute FROM m)::int % 20 = 0)::int END, 100
       FROM "Slo" s, generate_series($2::timestamptz - interval '30 days', $2::timestamptz, interval '1 minute') AS m
       WHERE s.key = ANY($1)`,
      [keys, end],
    )
  } finally {
    await client.end()
  }
  // As the owner: the embedded default's app role may not ANALYZE (PostgreSQL skips it with a warning).
  const owner = new pg.Client({ connectionString: ownerUrl })
  await owner.connect()
  try {
    await owner.query('ANALYZE "SloRollup"')
  } finally {
    await owner.end()
  }
  return keys
}
