/**
 * Duplicate detection against PostgreSQL (the service or the embedded default, whichever runs the tests):
 * pg_trgm is there for the runtime role, the threshold's precision and recall on the fixtures, and which
 * items the search may and may not return.
 */
import { inject, describe, expect, it } from 'vitest'
import pg from 'pg'
import { db, getPool } from '@/lib/db'
import { inTransaction } from '@/lib/tx'
import { uid } from '@/test/factories'
import { DEDUP_FIXTURES } from './dedup-fixtures'
import { DUPLICATE_THRESHOLD, findSimilarOpenItem, mergeDepartments } from './dedup'
import { dedupTextOf, Redactor } from './redaction'
import type { FeedbackStatus, FeedbackType } from './schema'

interface Pair {
  similarity: number
  duplicate: boolean
}

/** Every same-type pair of fixtures (only same types are compared) with the database's similarity. */
async function fixturePairs(): Promise<Pair[]> {
  const texts = DEDUP_FIXTURES.map((f) => dedupTextOf(new Redactor().text(f.text)))
  const { rows } = await getPool().query<{ i: string; j: string; s: number }>(
    `SELECT a.i, b.i AS j, similarity(a.t, b.t)::float8 AS s
     FROM unnest($1::text[]) WITH ORDINALITY a(t, i) JOIN unnest($1::text[]) WITH ORDINALITY b(t, i) ON a.i < b.i`,
    [texts],
  )
  return rows
    .map((r) => ({ a: DEDUP_FIXTURES[Number(r.i) - 1]!, b: DEDUP_FIXTURES[Number(r.j) - 1]!, s: r.s }))
    .filter(({ a, b }) => a.type === b.type)
    .map(({ a, b, s }) => ({ similarity: s, duplicate: a.issue !== null && a.issue === b.issue }))
}

function score(pairs: Pair[], threshold: number) {
  const tp = pairs.filter((p) => p.duplicate && p.similarity >= threshold).length
  const fp = pairs.filter((p) => !p.duplicate && p.similarity >= threshold).length
  const positives = pairs.filter((p) => p.duplicate).length
  return { precision: tp / (tp + fp), recall: tp / positives, tp, fp, positives }
}

describe('pg_trgm', () => {
  it('is installed by the migration and usable by the runtime role (no DDL of its own)', async () => {
    const runtime = new pg.Client({ connectionString: inject('runtimeDatabaseUrl') })
    await runtime.connect()
    try {
      const { rows } = await runtime.query<{ s: number; ext: string | null }>(
        `SELECT similarity('discharge summary slow', 'slow discharge summary')::float8 AS s, (SELECT extname FROM pg_extension WHERE extname = 'pg_trgm') AS ext`,
      )
      expect(rows[0]).toEqual({ s: 1, ext: 'pg_trgm' })
    } finally {
      await runtime.end()
    }
  })
})

describe('the duplicate threshold on the fixtures', () => {
  it('has a realistic set: clusters of paraphrases and hard negatives on the same screens', () => {
    const issues = new Set(DEDUP_FIXTURES.filter((f) => f.issue).map((f) => f.issue))
    expect(issues.size).toBeGreaterThanOrEqual(15)
    expect(DEDUP_FIXTURES.filter((f) => f.issue === null).length).toBeGreaterThanOrEqual(15)
  })

  it(`merges at ${DUPLICATE_THRESHOLD} with precision ≥ 0.9 and recall ≥ 0.6 over all same-type pairs`, async () => {
    const pairs = await fixturePairs()
    const at = score(pairs, DUPLICATE_THRESHOLD)
    // Measured (README.md): 1018 pairs, 29 duplicates; precision 0.950 (19 of 20), recall 0.655 (19 of 29).
    expect(pairs.length).toBe(1018)
    expect(at.positives).toBe(29)
    expect(at.precision).toBeGreaterThanOrEqual(0.9)
    expect(at.recall).toBeGreaterThanOrEqual(0.6)
    // The tuning: a lower threshold buys recall with many false merges, a higher one loses recall for no precision.
    expect(score(pairs, 0.3).precision).toBeLessThan(0.8)
    expect(score(pairs, 0.45).recall).toBeLessThan(at.recall)
  })
})

describe('findSimilarOpenItem', () => {
  // A nonsense word of this test run keeps other tests' items (same database) out of the comparisons.
  const token = `zx${uid('').replace(/[^a-z0-9]/g, '')}`
  const base = `${token} discharge summary takes over a minute to generate on the ward`
  const similar = `${token} discharge summary takes more than a minute to generate`
  const now = new Date()

  async function item(type: FeedbackType, over: { status?: FeedbackStatus; safetyConcern?: boolean; parentId?: string; createdAt?: Date; text?: string } = {}) {
    const text = over.text ?? base
    return db.feedbackItem.create({
      data: {
        type,
        category: 'performance',
        priority: 'medium',
        priorityReason: 'medium: a performance bug',
        source: 'in_app',
        description: text,
        dedupText: dedupTextOf(text),
        slaDueAt: now,
        status: over.status ?? 'new',
        safetyConcern: over.safetyConcern ?? false,
        parentId: over.parentId ?? null,
        createdAt: over.createdAt ?? now,
      },
    })
  }
  const find = (type: FeedbackType | null, text = similar) => inTransaction((tx) => findSimilarOpenItem(tx, { text: dedupTextOf(text), type, now }))

  it('finds the open item of the same type above the threshold, and only that one', async () => {
    const open = await item('bug')
    const found = await find('bug')
    expect(found).toMatchObject({ id: open.id, number: open.number })
    expect(found!.similarity).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD)
    expect(await find('suggestion')).toBeNull()
    expect(await find('bug', `${token} bed board colours are hard to tell apart`)).toBeNull()
    expect(await find('bug', 'short')).toBeNull()
  })

  it('never offers closed items, duplicates, safety concerns or old items as parents', async () => {
    const t2 = `${token}q other`
    const text = `${t2} ${base}`
    const parent = await item('praise', { text, status: 'done' })
    await item('praise', { text, status: 'wont_do' })
    await item('praise', { text, parentId: parent.id })
    await item('praise', { text, safetyConcern: true })
    await item('praise', { text, createdAt: new Date(now.getTime() - 91 * 24 * 60 * 60 * 1000) })
    expect(await find('praise', text)).toBeNull()
    const open = await item('praise', { text, status: 'planned' })
    expect((await find('praise', text))?.id).toBe(open.id)
  })

  it('with no type (the hint for a safety concern) compares with every type', async () => {
    const t3 = `${token}r`
    const open = await item('suggestion', { text: `${t3} ${base}` })
    expect((await find(null, `${t3} ${similar}`))?.id).toBe(open.id)
  })
})

describe('mergeDepartments', () => {
  it.each([
    [[], 'ICU', ['ICU']],
    [['ICU'], 'ED', ['ED', 'ICU']],
    [['ED', 'ICU'], 'ICU', ['ED', 'ICU']],
    [['ICU'], null, ['ICU']],
  ] as const)('%j + %s → %j', (current, department, out) => {
    expect(mergeDepartments(current, department)).toEqual(out)
  })
})
