/**
 * Raw SLI events and health-probe results → per-SLO, per-minute good/total (SloRollup), set-based and
 * incremental. Watermarks (the last SliEvent id and ProbeResult id rolled up) live in Setting
 * `slo.rollup.watermark` and move in the same transaction as the rollup rows they stand for, so a failed
 * run changes nothing and a re-run adds each event exactly once.
 *
 * Matching: an event feeds every SLO of its sli and service whose workflow is empty (all workflows) or equal
 * to the event's. Threshold SLOs count a value as good when it meets the threshold by the comparator;
 * pre-counted good/total items are taken as they are. Value items for ratio SLOs carry no good/total and
 * are ignored. Probe results count as `system_availability` events of the probe's service (good = up),
 * for SLOs that cover all its workflows. Archived SLOs are not rolled up (their history stays as it was).
 */
import type pg from 'pg'
import { getPool } from '../db'
import { SLI_WRITE_LOCK } from './locks'

export const ROLLUP_WATERMARK_KEY = 'slo.rollup.watermark'
/** Events rolled up per transaction; a run loops until caught up or out of batches. */
const BATCH_IDS = 250_000
const MAX_BATCHES = 20

export interface Watermark {
  /** Last SliEvent.id rolled up (bigint as a string). */
  event: string
  /** Last ProbeResult.id rolled up. */
  probe: string
}

export interface RollupResult {
  events: number
  probeResults: number
  /** SloRollup rows inserted or added to. */
  rows: number
  batches: number
  watermark: Watermark
}

const ROLLUP_SQL = `
  WITH src AS (
    SELECT e.sli, e.service, e.workflow, date_trunc('minute', e.at) AS minute, e.value, e.good, e.total
    FROM "SliEvent" e WHERE e.id > $1::bigint AND e.id <= $2::bigint
    UNION ALL
    SELECT 'system_availability', sv.key, '', date_trunc('minute', p.at), NULL::float8, CASE WHEN p.up THEN 1 ELSE 0 END, 1
    FROM "ProbeResult" p
    JOIN "Probe" pb ON pb.id = p."probeId"
    JOIN "Service" sv ON sv.id = pb."serviceId"
    WHERE p.id > $3::bigint AND p.id <= $4::bigint
  ), contrib AS (
    SELECT s.id AS "sloId", src.minute,
           CASE WHEN src.value IS NULL THEN src.good
                WHEN (s.comparator = 'lte' AND src.value <= s.threshold) OR (s.comparator = 'gte' AND src.value >= s.threshold) THEN 1
                ELSE 0 END AS good,
           CASE WHEN src.value IS NULL THEN src.total ELSE 1 END AS total
    FROM src
    JOIN "Slo" s ON s.sli = src.sli AND s.service = src.service AND (s.workflow = '' OR s.workflow = src.workflow) AND s."archivedAt" IS NULL
    WHERE src.value IS NULL OR s."sliType" = 'threshold'
  )
  INSERT INTO "SloRollup" ("sloId", minute, good, total)
  SELECT "sloId", minute, sum(good), sum(total) FROM contrib GROUP BY 1, 2 HAVING sum(total) > 0
  ON CONFLICT ("sloId", minute) DO UPDATE
    SET good = "SloRollup".good + EXCLUDED.good, total = "SloRollup".total + EXCLUDED.total`

async function inTransaction<T>(client: pg.PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN')
  try {
    const out = await fn()
    await client.query('COMMIT')
    return out
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  }
}

/** Ids below which every writer has committed (see lib/slo/locks.ts). */
async function highWaterMarks(client: pg.PoolClient): Promise<Watermark> {
  return inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SLI_WRITE_LOCK])
    const { rows } = await client.query<{ event: string; probe: string }>(
      `SELECT (SELECT coalesce(max(id), 0) FROM "SliEvent")::text AS event, (SELECT coalesce(max(id), 0) FROM "ProbeResult")::text AS probe`,
    )
    return rows[0]!
  })
}

async function lockWatermark(client: pg.PoolClient): Promise<Watermark> {
  await client.query(
    `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now()) ON CONFLICT (key) DO NOTHING`,
    [ROLLUP_WATERMARK_KEY, JSON.stringify({ event: '0', probe: '0' })],
  )
  const { rows } = await client.query<{ value: Partial<Watermark> }>(`SELECT value FROM "Setting" WHERE key = $1 FOR UPDATE`, [ROLLUP_WATERMARK_KEY])
  const v = rows[0]?.value ?? {}
  return { event: String(v.event ?? '0'), probe: String(v.probe ?? '0') }
}

export async function readWatermark(): Promise<Watermark> {
  const { rows } = await getPool().query<{ value: Partial<Watermark> }>(`SELECT value FROM "Setting" WHERE key = $1`, [ROLLUP_WATERMARK_KEY])
  const v = rows[0]?.value ?? {}
  return { event: String(v.event ?? '0'), probe: String(v.probe ?? '0') }
}

const minBig = (a: bigint, b: bigint) => (a < b ? a : b)

/** Rolls up everything committed since the last run, in batches of event ids. */
export async function rollupSliEvents(opts: { batchIds?: number; maxBatches?: number; signal?: AbortSignal } = {}): Promise<RollupResult> {
  const batchIds = BigInt(opts.batchIds ?? BATCH_IDS)
  const maxBatches = opts.maxBatches ?? MAX_BATCHES
  const client = await getPool().connect()
  try {
    const hi = await highWaterMarks(client)
    const result: RollupResult = { events: 0, probeResults: 0, rows: 0, batches: 0, watermark: { event: '0', probe: '0' } }
    for (let i = 0; i < maxBatches; i++) {
      // Between batches: each batch commits with its watermark, so an aborted run loses nothing.
      opts.signal?.throwIfAborted()
      const step = await inTransaction(client, async () => {
        const wm = await lockWatermark(client)
        const eventTo = minBig(BigInt(hi.event), BigInt(wm.event) + batchIds)
        // Probe results are few: all of them go with the first batch.
        const probeTo = BigInt(hi.probe) > BigInt(wm.probe) ? BigInt(hi.probe) : BigInt(wm.probe)
        const next: Watermark = { event: (eventTo > BigInt(wm.event) ? eventTo : BigInt(wm.event)).toString(), probe: probeTo.toString() }
        if (next.event === wm.event && next.probe === wm.probe) return { done: true, next, events: 0, probes: 0, rows: 0 }
        const counts = await client.query<{ events: string; probes: string }>(
          `SELECT (SELECT count(*) FROM "SliEvent" WHERE id > $1::bigint AND id <= $2::bigint)::text AS events,
                  (SELECT count(*) FROM "ProbeResult" WHERE id > $3::bigint AND id <= $4::bigint)::text AS probes`,
          [wm.event, next.event, wm.probe, next.probe],
        )
        const inserted = await client.query(ROLLUP_SQL, [wm.event, next.event, wm.probe, next.probe])
        await client.query(`UPDATE "Setting" SET value = $2::jsonb, "updatedAt" = now() WHERE key = $1`, [ROLLUP_WATERMARK_KEY, JSON.stringify(next)])
        return { done: next.event === hi.event, next, events: Number(counts.rows[0]!.events), probes: Number(counts.rows[0]!.probes), rows: inserted.rowCount ?? 0 }
      })
      result.watermark = step.next
      result.events += step.events
      result.probeResults += step.probes
      result.rows += step.rows
      if (step.events || step.probes) result.batches++
      if (step.done) break
    }
    return result
  } finally {
    client.release()
  }
}

export const ROLLUP_RETENTION_MONTHS = 13
const DELETE_BATCH = 50_000

export interface RetentionResult {
  events: number
  rollups: number
}

/**
 * Deletes raw events older than `rawDays` that are already rolled up, and rollups older than 13 months.
 * Raw events go in batches so one run never holds a huge delete open.
 */
export async function pruneSliData(now: Date, rawDays: number, opts: { signal?: AbortSignal } = {}): Promise<RetentionResult> {
  const { event } = await readWatermark()
  const events = await pruneRawEvents(new Date(now.getTime() - rawDays * 86_400_000), event, opts)
  opts.signal?.throwIfAborted()
  const r = await getPool().query(`DELETE FROM "SloRollup" WHERE minute < $1::timestamptz - make_interval(months => $2)`, [now, ROLLUP_RETENTION_MONTHS])
  return { events, rollups: r.rowCount ?? 0 }
}

/** Deletes raw events older than `before` with ids up to `upToId` (rolled up), in batches. */
export async function pruneRawEvents(before: Date, upToId: string, opts: { signal?: AbortSignal } = {}): Promise<number> {
  let events = 0
  for (;;) {
    opts.signal?.throwIfAborted()
    const r = await getPool().query(
      `DELETE FROM "SliEvent" WHERE id IN (SELECT id FROM "SliEvent" WHERE at < $1 AND id <= $2::bigint LIMIT ${DELETE_BATCH})`,
      [before, upToId],
    )
    events += r.rowCount ?? 0
    if ((r.rowCount ?? 0) < DELETE_BATCH) return events
  }
}
