/**
 * The binary COPY of ingest (copy.ts, ingest.ts's copyEvents) on PostgreSQL: what it stores is what the
 * INSERT path stores for the same rows, column by column as PostgreSQL reads them back, and retries of a
 * stored message are skipped as the INSERT's ON CONFLICT DO NOTHING skips them (the savepoint fallback).
 */
import { describe, expect, it } from 'vitest'
import { getPool } from '@/lib/db'
import { inRawTransaction, type Sql } from '@/lib/tx'
import { uid } from '@/test/factories'
import { eventsToCopyBinary } from './copy'
import { copyEvents, insertEvents } from './ingest'
import type { EventRow } from './normalize'
import { ensurePartitions } from './partitions'

const poolSql: Sql = { query: async <R>(text: string, values: readonly unknown[] = []) => (await getPool().query(text, values as unknown[])).rows as R[] }

const base = Date.now() - 3_600_000

function row(userKey: string, i: number, over: Partial<EventRow> = {}): EventRow {
  return {
    occurredAt: new Date(base - i * 61_001),
    userKey,
    anonymousKey: null,
    clientSessionKey: `s_${i}`,
    type: 'track',
    event: 'diagnosis_completed',
    properties: { duration: i, outcome: 'confirmed', ai_used: i % 2 === 0 },
    messageId: null,
    site: 'North',
    department: 'Emergency',
    role: 'physician',
    appVersion: '4.2',
    uaFamily: 'Chrome',
    uaMajor: '131',
    ...over,
  }
}

/** Rows with every kind of value the encoder writes: NULLs, non-ASCII text, JSON that needs escaping, odd numbers. */
function tricky(userKey: string): EventRow[] {
  return [
    row(userKey, 0),
    row(userKey, 1, { anonymousKey: 'a_x', clientSessionKey: null, site: null, department: null, role: null, appVersion: null, uaFamily: null, uaMajor: null }),
    row(userKey, 2, { properties: {}, type: 'page', event: '$page' }),
    row(userKey, 3, { properties: { note: 'Zürich – 漢字 😀 "quoted" back\\slash\ttab\nline', n: -0.5, big: 1e21, small: 5e-324, neg: -0 } }),
    row(userKey, 4, { department: 'Pädiatrie', role: 'médecin', appVersion: '4.2.0-β', uaFamily: 'Other browser', uaMajor: null }),
    row(userKey, 5, { occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 1)) }),
    row(userKey, 6, { messageId: 'm_unique', properties: { '': 'empty key', 'ключ': true } }),
  ]
}

const COLUMNS = `"occurredAt", "anonymousKey", "clientSessionKey", type, event, properties, "messageId", site, department, role, "appVersion", "uaFamily", "uaMajor", "apiKeyId"`
const storedOf = async (userKey: string) =>
  (await getPool().query(`SELECT ${COLUMNS}, properties::text AS "propertiesText" FROM "AnalyticsEvent" WHERE "userKey" = $1 ORDER BY id`, [userKey])).rows

describe('binary COPY of events', () => {
  it('stores exactly what the INSERT path stores, column by column', async () => {
    const [viaInsert, viaCopy] = [uid('u_insert'), uid('u_copy')]
    const a = tricky(viaInsert)
    const b = tricky(viaCopy)
    await ensurePartitions(poolSql, [...a, ...b].map((r) => r.occurredAt))
    const inserted = await inRawTransaction((sql) => insertEvents(sql, a, 'key-1'))
    const copied = await inRawTransaction((_sql, client) => copyEvents(client, eventsToCopyBinary(b, 'key-1'), true))
    expect([inserted, copied]).toEqual([a.length, b.length])
    const [x, y] = [await storedOf(viaInsert), await storedOf(viaCopy)]
    expect(y).toEqual(x)
    expect(y[3]!.properties.note).toBe('Zürich – 漢字 😀 "quoted" back\\slash\ttab\nline')
    expect((y[5]!.occurredAt as Date).toISOString()).toBe('2026-01-01T00:00:00.001Z')
  })

  it('skips a retried message as ON CONFLICT DO NOTHING does: the rest of the batch is stored, once', async () => {
    const userKey = uid('u_retry')
    const first = [0, 1, 2].map((i) => row(userKey, i, { messageId: `m_${i}` }))
    await ensurePartitions(poolSql, first.map((r) => r.occurredAt))
    expect(await inRawTransaction((_sql, client) => copyEvents(client, eventsToCopyBinary(first, null), true))).toBe(3)
    // A retry of message 1 with two new messages, and a message sent twice within the batch (the first wins).
    const retry = [
      row(userKey, 1, { messageId: 'm_1', properties: { duration: 999 } }),
      row(userKey, 3, { messageId: 'm_3' }),
      row(userKey, 4, { messageId: 'm_4', properties: { duration: 4 } }),
      row(userKey, 4, { messageId: 'm_4', properties: { duration: 44 } }),
      row(userKey, 5),
    ]
    const stored = await inRawTransaction(async (sql, client) => {
      const n = await copyEvents(client, eventsToCopyBinary(retry, null), true)
      // The transaction goes on after the fallback (the registry and audit statements follow it in ingest).
      await sql.query('SELECT 1')
      return n
    })
    expect(stored).toBe(3)
    const rows = await storedOf(userKey)
    expect(rows.map((r) => [r.messageId, (r.properties as { duration: number }).duration])).toEqual([
      ['m_0', 0],
      ['m_1', 1],
      ['m_2', 2],
      ['m_3', 3],
      ['m_4', 4],
      [null, 5],
    ])
    // The same batch again: only the event without a messageId is new (nothing says it is a retry).
    expect(await inRawTransaction((_sql, client) => copyEvents(client, eventsToCopyBinary(retry, null), true))).toBe(1)
    expect(await storedOf(userKey)).toHaveLength(7)
  })

  it('copies a batch without message ids straight in (they can never conflict)', async () => {
    const userKey = uid('u_plain')
    const rows = [0, 1, 2, 3].map((i) => row(userKey, i))
    await ensurePartitions(poolSql, rows.map((r) => r.occurredAt))
    expect(await inRawTransaction((_sql, client) => copyEvents(client, eventsToCopyBinary(rows, null), false))).toBe(4)
    expect(await inRawTransaction((_sql, client) => copyEvents(client, eventsToCopyBinary(rows, null), false))).toBe(4)
    expect(await storedOf(userKey)).toHaveLength(8)
  })

  it('rolls the whole transaction back on any other error', async () => {
    const userKey = uid('u_fail')
    const rows = [row(userKey, 0, { messageId: 'm_0' }), row(userKey, 1, { messageId: 'm_1', site: 'bad\u0000byte' })]
    await ensurePartitions(poolSql, rows.map((r) => r.occurredAt))
    await expect(inRawTransaction((_sql, client) => copyEvents(client, eventsToCopyBinary(rows, null), true))).rejects.toThrow()
    expect(await storedOf(userKey)).toHaveLength(0)
  })
})
