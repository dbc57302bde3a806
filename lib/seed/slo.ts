/**
 * SLO demo data: the SLOs of lib/seed/slo-history.ts, 90 days of rollups written directly with one set-based
 * INSERT … SELECT FROM generate_series per SLO, the violations their bad periods would have raised (linked
 * to the seeded incidents they match), and a few raw SLI events from the last hour.
 *
 * Resolution: per-minute rows for the last 7 days (burn-rate windows reach back 3 days), 5-minute rows
 * before that (each row holds five minutes of events at a 5-minute-aligned minute, which timeslices and
 * sums read correctly). About 34,000 rows per SLO instead of 130,000, so the seed stays fast on PGlite.
 *
 * Idempotent: SLOs are created by key and never updated; history is written only for an SLO that has no
 * rollups yet.
 */
import { db as defaultDb, Prisma } from '../db'
import { zoneOffsetMinutes, zonedTimeToUtc } from '@/lib/time'
import { env } from '../env'
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { inTransaction } from '@/lib/tx'

import { ROLLUP_WATERMARK_KEY } from '../slo/rollup'
import { SloDefinition } from '../slo/schema'
import { asTimeslices, badIntervals, replayViolation, SEED_SLOS, type Interval, type SeedProfile } from '@/lib/seed/slo-history'
import { addLocalDays, floorTo, localDateOf, sloWindow, windowHours } from '../slo/windows'
import type { Slo } from '../generated/prisma/client'

type Client = Prisma.TransactionClient

const MIN = 60_000
const DAY = 24 * 60 * MIN
export const SEED_HISTORY_DAYS = 90
/** Days kept at per-minute resolution; older days get 5-minute rows. */
export const SEED_FINE_DAYS = 7

/**
 * Keep in step with lib/slo/seed.ts `diurnal`. The local hour uses the zone's offset at seed time for the
 * whole history (an hour off across a clock change, invisible in a demo; converting every row's time zone
 * doubled the seed's time on PGlite). `random()` after `setseed` draws the same history on each seed.
 */
const HISTORY_SQL = `
  INSERT INTO "SloRollup" ("sloId", minute, good, total)
  SELECT $1::uuid, m, total - LEAST(total, bad), total FROM (
    SELECT m, total,
      floor(total * coalesce(
        (SELECT max(i.r) FROM unnest($7::timestamptz[], $8::timestamptz[], $9::float8[]) AS i(a, b, r) WHERE m >= i.a AND m < i.b),
        $6::float8 * (0.4 + 1.2 * random())) + random())::bigint AS bad
    FROM (
      SELECT m,
        greatest(0, round($5::float8 * res * (0.3 + 0.7 * (0.5 - 0.5 * cos(2 * pi() * (h - 4) / 24))) * (0.8 + 0.4 * random())))::bigint AS total
      FROM (
        SELECT m, res, mod((extract(epoch FROM m) / 60 + $10::int)::numeric, 1440) / 60.0 AS h FROM (
          SELECT generate_series($2::timestamptz, $3::timestamptz - interval '5 minutes', interval '5 minutes') AS m, 5 AS res
          UNION ALL
          SELECT generate_series($3::timestamptz, $4::timestamptz, interval '1 minute'), 1
        ) g
      ) g2
    ) g3
  ) g4
  WHERE total > 0`

function nightStart(now: Date, timeZone: string) {
  return (daysAgo: number, localHour: number) => {
    const d = localDateOf(addLocalDays(now, -daysAgo, timeZone), timeZone)
    return zonedTimeToUtc(timeZone, { ...d, hour: localHour, minute: 0 })
  }
}

/**
 * Runs a bulk insert of rows whose foreign key holds by construction (the SLO row was just read) without
 * per-row trigger checks when the role may (superuser: the embedded database, a throwaway test server), the
 * way pg_restore --disable-triggers loads data. The FK check would otherwise be ~3/4 of the seed's time on
 * PGlite. Must run inside a transaction; the setting is reset before the transaction goes on.
 */
async function withoutRowTriggers<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  const [row] = await client.$queryRaw<{ su: boolean }[]>`SELECT current_setting('is_superuser') = 'on' AS su`
  if (!row?.su) return fn()
  await client.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`)
  try {
    return await fn()
  } finally {
    await client.$executeRawUnsafe(`SET LOCAL session_replication_role = origin`)
  }
}

async function writeHistory(client: Client, slo: Slo, profile: SeedProfile, intervals: Interval[], now: Date, timeZone: string, seed: number): Promise<number> {
  const from = floorTo(new Date(now.getTime() - SEED_HISTORY_DAYS * DAY), 5)
  const split = floorTo(new Date(now.getTime() - SEED_FINE_DAYS * DAY), 5)
  const to = floorTo(now, 1)
  await client.$executeRawUnsafe(`SELECT setseed($1::float8)`, seed / 100)
  return withoutRowTriggers(client, () => client.$executeRawUnsafe(
    HISTORY_SQL,
    slo.id,
    from.toISOString(),
    split.toISOString(),
    to.toISOString(),
    profile.peakPerMinute,
    profile.baseErrorRate,
    intervals.map((i) => i.start.toISOString()),
    intervals.map((i) => i.end.toISOString()),
    intervals.map((i) => i.errorRate),
    zoneOffsetMinutes(timeZone, now),
  ))
}

/** Violations the bad periods would have raised (finished ones only: a live burn is left to slo-evaluate). */
async function writeViolations(client: Client, slo: Slo, profile: SeedProfile, intervals: Interval[], now: Date, timeZone: string): Promise<number> {
  const replayProfile = slo.budgeting === 'timeslices' ? asTimeslices(profile, slo.timesliceTarget) : profile
  const replayIntervals = slo.budgeting === 'timeslices'
    ? intervals.map((i) => ({ ...i, errorRate: i.errorRate > 1 - slo.timesliceTarget ? 1 : 0 }))
    : intervals
  const hours = windowHours(sloWindow(slo, now, timeZone))
  let n = 0
  for (const interval of replayIntervals) {
    const v = replayViolation(slo, replayProfile, replayIntervals, interval, hours)
    if (!v || v.resolvedAt > now) continue
    const incident = interval.linkIncident
      ? await client.incident.findFirst({
          where: {
            dedupKey: { startsWith: 'seed:' },
            service: { key: slo.service },
            triggeredAt: { gte: new Date(interval.start.getTime() - 30 * MIN), lte: new Date(interval.start.getTime() + 30 * MIN) },
          },
          select: { id: true },
        })
      : null
    await client.sloViolation.create({
      data: {
        sloId: slo.id,
        service: slo.service,
        rule: v.rule.rule,
        severity: v.rule.severity,
        openedAt: v.openedAt,
        resolvedAt: v.resolvedAt,
        workings: v.workings as unknown as Prisma.InputJsonValue,
        incidentId: incident?.id ?? null,
      },
    })
    n++
  }
  return n
}

/**
 * A few raw events from the last hour, as an exporter would send them. They stand for events already
 * counted in the seeded rollups, so the rollup watermark moves past them (only when nothing else waits to
 * be rolled up, so that real events are never skipped).
 */
async function writeRecentEvents(client: Client, now: Date): Promise<number> {
  const wm = await client.setting.findUnique({ where: { key: ROLLUP_WATERMARK_KEY } })
  const after = BigInt(String((wm?.value as { event?: string } | null)?.event ?? '0'))
  const pending = await client.sliEvent.count({ where: { id: { gt: after } } })
  if (pending > 0) return 0
  const events: Prisma.SliEventCreateManyInput[] = []
  for (let i = 0; i < 120; i++) {
    const at = new Date(now.getTime() - (i * 30_000 + 7_000))
    const value = Math.round(650 + 900 * Math.abs(Math.sin(i * 1.7)) + (i % 47 === 5 ? 1800 : 0))
    events.push({ sli: 'patient_response_time', service: 'ai-engine', workflow: i % 3 === 0 ? 'diagnosis' : 'emergency_triage', at, value, receivedAt: at })
    if (i % 6 === 0) events.push({ sli: 'system_availability', service: 'ai-engine', at, good: 599 + (i % 12 === 0 ? 1 : 0), total: 600, receivedAt: at })
  }
  await client.sliEvent.createMany({ data: events })
  const max = await client.sliEvent.aggregate({ _max: { id: true } })
  const value = { event: String(max._max.id ?? 0n), probe: String((wm?.value as { probe?: string } | null)?.probe ?? '0') }
  await client.setting.upsert({ where: { key: ROLLUP_WATERMARK_KEY }, create: { key: ROLLUP_WATERMARK_KEY, value }, update: { value } })
  return events.length
}

export async function seedSlo(log: (m: string) => void, opts: { now?: Date; tx?: Client; timeZone?: string } = {}): Promise<void> {
  const client: Client = opts.tx ?? defaultDb
  const now = opts.now ?? new Date()
  const timeZone = opts.timeZone ?? env.WARDROOM_TIMEZONE
  const started = performance.now()
  let created = 0
  let rows = 0
  let violations = 0
  let events = 0
  for (const [index, s] of SEED_SLOS.entries()) {
    const def = SloDefinition.parse(s.definition)
    let slo = await client.slo.findUnique({ where: { key: def.key } })
    if (!slo) {
      slo = await client.slo.create({ data: def })
      created++
    }
    if (await client.sloRollup.findFirst({ where: { sloId: slo.id }, select: { minute: true } })) continue
    const intervals = badIntervals(s.profile, now, nightStart(now, timeZone))
    const target = slo
    const write = async (c: Client) => {
      rows += await writeHistory(c, target, s.profile, intervals, now, timeZone, index + 1)
      violations += await writeViolations(c, target, s.profile, intervals, now, timeZone)
      if (target.key === 'patient_response_time') events = await writeRecentEvents(c, now)
    }
    // One transaction per SLO: its history appears whole or not at all.
    if (opts.tx) await write(opts.tx)
    else await inTransaction(write, { timeout: 60_000 })
  }
  if (rows > 0) {
    await recordAudit(
      SYSTEM_ACTOR,
      { action: 'slo.seed', targetType: 'slo', summary: { slos: SEED_SLOS.length, created, rollupRows: rows, violations, rawEvents: events, source: 'demo seed' }, count: created },
      opts.tx,
    )
  }
  const ms = Math.round(performance.now() - started)
  log(`slo: ${SEED_SLOS.length} SLOs (${created} new), ${rows} rollup rows, ${violations} violations, ${events} raw events${rows ? '' : ' (already seeded)'} in ${ms} ms`)
}
