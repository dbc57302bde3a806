/**
 * Binary COPY stores what the text format stored: each row written by ingestSliEvents compared, column by
 * column, with PostgreSQL's own reading of the text the former path sent (timestamptz(3), float8, int4).
 */
import { describe, expect, it } from 'vitest'
import { getPool } from '@/lib/db'
import { systemActor } from '@/lib/auth/actor'
import { uid } from '@/test/factories'
import { ingestSliEvents } from './commands'
import type { SliEventItem } from './schema'

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** ISO timestamps of the last days with fractions of 0–20 digits and offsets up to ±15:59, in every form validation allows. */
function timestamps(count: number): string[] {
  const next = random(7)
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const d = new Date(Date.now() - Math.floor(next() * 3 * 86_400_000))
    const digits = Math.floor(next() * 21)
    const fraction = digits === 0 ? '' : `.${Array.from({ length: digits }, () => Math.floor(next() * 10)).join('')}`
    const offsetMinutes = next() < 0.3 ? 0 : Math.floor(next() * 1919) - 959
    const local = new Date(d.getTime() + offsetMinutes * 60_000)
    const zone = offsetMinutes === 0 && next() < 0.7 ? 'Z' : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`
    out.push(`${local.toISOString().slice(0, 19)}${fraction}${zone}`)
  }
  return out
}

describe('ingestSliEvents (binary COPY)', () => {
  it('stores timestamps, values and counts exactly as PostgreSQL reads their text', async () => {
    const service = uid('svc')
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    // Millisecond rounding at its edges, halves of a microsecond, the longest fractions.
    const edges = ['.0005', '.0004999', '.00049999999', '.0015', '.0025', '.9995', '.99949999', '.9999996', '.1234565', '.0000005', '.123456789012345678']
    const ats = [...edges.map((f) => `${day}T12:00:00${f}Z`), `${day}T12:00:00-15:59`, `${day}T12:00:00+15:59`, `${day}T12:00:00+00:00`, `${day}T12:00:00-00:00`, ...timestamps(400)]
    const values = [0.1 + 0.2, 1e21, -0, 5e-324, 1.7976931348623157e308, -1.5, 123_456_789.123_456_79, 2 ** 53 + 2]
    const items: SliEventItem[] = ats.map((at, i) =>
      i % 3 === 2
        ? { sli: 'system_availability', service, workflow: `w${i}`, at, good: i % 2 ? 0 : 2_147_483_647, total: 2_147_483_647 }
        : { sli: 'patient_response_time', service, at, value: values[i % values.length]! * (Math.floor(i / values.length) % 2 ? 1 : -1) },
    )
    await ingestSliEvents(systemActor(), items)
    // The text the former path sent: the ISO string as is, numbers as String(n).
    const { rows } = await getPool().query<{ ok: boolean; at: string; expected: string; value: number | null; expectedValue: number | null }>(
      `SELECT e.at = x.at::timestamptz(3) AND e.value IS NOT DISTINCT FROM x.value::float8
              AND e.good IS NOT DISTINCT FROM x.good::int AND e.total IS NOT DISTINCT FROM x.total::int
              AND e.workflow = x.workflow AND e.sli = x.sli AS ok,
              e.at::text AS at, x.at::timestamptz(3)::text AS expected, e.value, x.value::float8 AS "expectedValue"
       FROM (SELECT *, row_number() OVER (ORDER BY id) AS n FROM "SliEvent" WHERE service = $1) e
       JOIN unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS x(sli, workflow, at, value, good, total, n) USING (n)`,
      [
        service,
        items.map((e) => e.sli),
        items.map((e) => e.workflow ?? ''),
        items.map((e) => e.at),
        items.map((e) => (e.value === undefined ? null : String(e.value))),
        items.map((e) => (e.good === undefined ? null : String(e.good))),
        items.map((e) => (e.total === undefined ? null : String(e.total))),
      ],
    )
    expect(rows).toHaveLength(items.length)
    expect(rows.filter((r) => !r.ok)).toEqual([])
    // -0 was stored as 0 by the text path, and still is.
    const { rows: zeros } = await getPool().query<{ n: string }>(`SELECT count(*)::text AS n FROM "SliEvent" WHERE service = $1 AND value = 0 AND value::text = '-0'`, [service])
    expect(zeros[0]!.n).toBe('0')
  })
})
