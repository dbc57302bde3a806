/**
 * Issue 17's goals judged from one run's figures (`npm run bench -- goals`, ./goals.ts): each goal's
 * measured figure beside its peer's from the same run, the ratio, met or missed, per database. Pure: the
 * figures come in, rows and text lines go out.
 */

export const TARGETS = {
  /** OFREP req/s ÷ unleash-server's frontend API req/s. */
  peerRate: 2,
  /** OFREP p99 ÷ the peer's p99. */
  peerP99: 0.5,
  /** OFREP req/s ÷ GET /api/ping req/s. */
  pingRate: 5,
  alertsUniquePerSecond: 1_000,
  /** The embedded default's unique-key rate ÷ the PostgreSQL service's, same run. */
  embeddedUnique: 0.8,
  alertsDuplicatesPerSecond: 5_000,
  alertsP99Ms: 100,
  /** Batch ingest rows/s ÷ raw COPY rows/s of the same rows. */
  ingestVsCopy: 0.7,
  ttfbMs: 150,
  fullMs: 300,
}

export const PARTS = ['flags', 'alerts', 'sli', 'analytics', 'pages'] as const
export type Part = (typeof PARTS)[number]

/** BENCH_GOALS_PARTS (`alerts, flags`) as parts in the suite's order, all when unset or blank; throws on an unknown name. */
export function partsFrom(raw: string | undefined): Part[] {
  const names = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (!names.length) return [...PARTS]
  const unknown = names.filter((x) => !(PARTS as readonly string[]).includes(x))
  if (unknown.length) throw new Error(`BENCH_GOALS_PARTS: unknown part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`)
  return PARTS.filter((p) => names.includes(p))
}

export interface Rate {
  perSecond: number
  p99Ms: number
  errors: number
}

export interface IngestRate {
  ingestPerSecond: number
  copyPerSecond: number
  errors: number
}

export interface PageFigure {
  path: string
  /** p50 of the sequential requests. */
  ttfbMs: number
  fullMs: number
  /** Set when the page did not answer 200. */
  error?: string
}

/** One database's figures; a part left out was not run, one in `failed` was run and threw. */
export interface DatabaseFigures {
  flags?: { ping: Rate; single: Rate; bulk: Rate }
  alerts?: { unique: Rate; duplicates: Rate }
  sli?: IngestRate
  analytics?: IngestRate
  pages?: { pages: PageFigure[]; noRecord: string[] }
  failed?: Partial<Record<Part, string>>
}

export interface GoalFigures {
  /** unleash-server's frontend API (bulk, 20 flags), null when it did not run. */
  peer: Rate | null
  service: DatabaseFigures
  embedded?: DatabaseFigures
}

export type Verdict = 'met' | 'missed' | 'not run'

export interface GoalCell {
  measured: string
  /** measured ÷ target or ÷ the peer's figure, as the goal reads; null when not run. */
  ratio: number | null
  verdict: Verdict
}

export interface GoalRow {
  goal: string
  target: string
  service: GoalCell
  embedded?: GoalCell
}

const n = (x: number) => Math.round(x).toLocaleString('en')
const ms = (x: number) => `${Math.round(x * 10) / 10} ms`
const NOT_RUN: GoalCell = { measured: '–', ratio: null, verdict: 'not run' }
const errorsNote = (errors: number) => (errors ? ` (${n(errors)} errors)` : '')

/** A cell from a ratio: met when it is on the right side of `limit` (≥ for `at least`, ≤ otherwise) and nothing failed. */
function cell(measured: string, ratio: number, limit: number, atLeast: boolean, errors = 0): GoalCell {
  const ok = Number.isFinite(ratio) && (atLeast ? ratio >= limit : ratio <= limit) && errors === 0
  return { measured: measured + errorsNote(errors), ratio: Math.round(ratio * 100) / 100, verdict: ok ? 'met' : 'missed' }
}

/** The part's figures, or a failed / not-run cell when there are none. */
function withPart<K extends Part>(db: DatabaseFigures, part: K, judge: (figures: NonNullable<DatabaseFigures[K]>) => GoalCell): GoalCell {
  const failure = db.failed?.[part]
  if (failure) return { measured: `failed: ${failure.length > 60 ? `${failure.slice(0, 59)}…` : failure}`, ratio: null, verdict: 'missed' }
  const figures = db[part]
  return figures ? judge(figures as NonNullable<DatabaseFigures[K]>) : NOT_RUN
}

/** The slowest page by its worse ratio to the two limits; a page that failed is worst of all. */
export function worstPage(pages: PageFigure[]): { page: PageFigure; ratio: number } | null {
  let worst: { page: PageFigure; ratio: number } | null = null
  for (const page of pages) {
    const ratio = page.error ? Infinity : Math.max(page.ttfbMs / TARGETS.ttfbMs, page.fullMs / TARGETS.fullMs)
    if (!worst || ratio > worst.ratio) worst = { page, ratio }
  }
  return worst
}

function pagesCell(p: NonNullable<DatabaseFigures['pages']>): GoalCell {
  const met = p.pages.filter((x) => !x.error && x.ttfbMs <= TARGETS.ttfbMs && x.fullMs <= TARGETS.fullMs).length
  const total = p.pages.length + p.noRecord.length
  const worst = worstPage(p.pages)
  const worstText = !worst ? '' : worst.page.error ? `; worst ${worst.page.path} ${worst.page.error}` : `; worst ${worst.page.path} ${ms(worst.page.ttfbMs)} / ${ms(worst.page.fullMs)}`
  const noRecord = p.noRecord.length ? `; ${p.noRecord.length} without a record` : ''
  const ok = total > 0 && met === total
  return { measured: `${met} of ${total} pages met${worstText}${noRecord}`, ratio: worst && Number.isFinite(worst.ratio) ? Math.round(worst.ratio * 100) / 100 : null, verdict: ok ? 'met' : 'missed' }
}

type Judge = (db: DatabaseFigures, peer: Rate | null, service: DatabaseFigures | null) => GoalCell

function peerRow(path: 'bulk' | 'single', figure: 'rate' | 'p99'): Judge {
  return (db, peer) =>
    withPart(db, 'flags', (f) => {
      if (!peer) return { measured: `${figure === 'rate' ? `${n(f[path].perSecond)} req/s` : ms(f[path].p99Ms)} (no peer)`, ratio: null, verdict: 'not run' }
      const errors = f[path].errors + peer.errors
      return figure === 'rate'
        ? cell(`${n(f[path].perSecond)} req/s (peer ${n(peer.perSecond)})`, f[path].perSecond / peer.perSecond, TARGETS.peerRate, true, errors)
        : cell(`${ms(f[path].p99Ms)} (peer ${ms(peer.p99Ms)})`, f[path].p99Ms / peer.p99Ms, TARGETS.peerP99, false, errors)
    })
}

const pingRow =
  (path: 'bulk' | 'single'): Judge =>
  (db) =>
    withPart(db, 'flags', (f) => cell(`${n(f[path].perSecond)} req/s (ping ${n(f.ping.perSecond)})`, f[path].perSecond / f.ping.perSecond, TARGETS.pingRate, true, f[path].errors + f.ping.errors))

const ingestRow =
  (part: 'sli' | 'analytics'): Judge =>
  (db) =>
    withPart(db, part, (f) => cell(`${n(f.ingestPerSecond)} rows/s (COPY ${n(f.copyPerSecond)})`, f.ingestPerSecond / f.copyPerSecond, TARGETS.ingestVsCopy, true, f.errors))

/** Unique keys: ≥ 1,000/s on the service; on the embedded default ≥ 80 % of the service's rate in the same run. */
const uniqueRow: Judge = (db, _peer, service) =>
  withPart(db, 'alerts', (a) => {
    if (!service) return cell(`${n(a.unique.perSecond)} alerts/s`, a.unique.perSecond / TARGETS.alertsUniquePerSecond, 1, true, a.unique.errors)
    const base = service.alerts?.unique
    if (!base) return { measured: `${n(a.unique.perSecond)} alerts/s (no PostgreSQL figure)`, ratio: null, verdict: 'not run' }
    return cell(`${n(a.unique.perSecond)} alerts/s (PostgreSQL ${n(base.perSecond)})`, a.unique.perSecond / base.perSecond, TARGETS.embeddedUnique, true, a.unique.errors)
  })

const GOALS: { goal: string; target: string; judge: Judge }[] = [
  { goal: 'OFREP bulk req/s vs unleash-server', target: `≥ ${TARGETS.peerRate}× peer`, judge: peerRow('bulk', 'rate') },
  { goal: 'OFREP single req/s vs unleash-server', target: `≥ ${TARGETS.peerRate}× peer`, judge: peerRow('single', 'rate') },
  { goal: 'OFREP bulk p99 vs unleash-server', target: '≤ ½ peer', judge: peerRow('bulk', 'p99') },
  { goal: 'OFREP single p99 vs unleash-server', target: '≤ ½ peer', judge: peerRow('single', 'p99') },
  { goal: 'OFREP bulk vs GET /api/ping', target: `≥ ${TARGETS.pingRate}× ping`, judge: pingRow('bulk') },
  { goal: 'OFREP single vs GET /api/ping', target: `≥ ${TARGETS.pingRate}× ping`, judge: pingRow('single') },
  { goal: 'alerts, unique keys', target: `≥ ${n(TARGETS.alertsUniquePerSecond)}/s; embedded ≥ ${TARGETS.embeddedUnique * 100} % of PG`, judge: uniqueRow },
  {
    goal: 'alerts, duplicates',
    target: `≥ ${n(TARGETS.alertsDuplicatesPerSecond)}/s`,
    judge: (db) => withPart(db, 'alerts', (a) => cell(`${n(a.duplicates.perSecond)} alerts/s`, a.duplicates.perSecond / TARGETS.alertsDuplicatesPerSecond, 1, true, a.duplicates.errors)),
  },
  {
    goal: 'alerts p99, unique / duplicates',
    target: `≤ ${TARGETS.alertsP99Ms} ms`,
    judge: (db) =>
      withPart(db, 'alerts', (a) =>
        cell(`${ms(a.unique.p99Ms)} / ${ms(a.duplicates.p99Ms)}`, Math.max(a.unique.p99Ms, a.duplicates.p99Ms) / TARGETS.alertsP99Ms, 1, false, a.unique.errors + a.duplicates.errors),
      ),
  },
  { goal: 'SLI batch ingest vs raw COPY', target: `≥ ${TARGETS.ingestVsCopy * 100} % of COPY`, judge: ingestRow('sli') },
  { goal: 'analytics batch ingest vs raw COPY', target: `≥ ${TARGETS.ingestVsCopy * 100} % of COPY`, judge: ingestRow('analytics') },
  { goal: 'every page TTFB / full document', target: `≤ ${TARGETS.ttfbMs} / ${TARGETS.fullMs} ms`, judge: (db) => withPart(db, 'pages', pagesCell) },
]

/** Every goal's row: the service's cell, and the embedded default's when it ran. */
export function evaluateGoals(f: GoalFigures): GoalRow[] {
  return GOALS.map(({ goal, target, judge }) => ({
    goal,
    target,
    service: judge(f.service, f.peer, null),
    ...(f.embedded ? { embedded: judge(f.embedded, f.peer, f.service) } : {}),
  }))
}

export function tally(rows: GoalRow[]): Record<Verdict, number> {
  const out: Record<Verdict, number> = { met: 0, missed: 0, 'not run': 0 }
  for (const r of rows) for (const c of [r.service, ...(r.embedded ? [r.embedded] : [])]) out[c.verdict]++
  return out
}

/** The table as text lines: goal, target, then measured (peer), ratio and verdict per database. */
export function formatGoalTable(rows: GoalRow[], labels: { service: string; embedded: string }): string[] {
  const embedded = rows.some((r) => r.embedded)
  const cells = (c: GoalCell | undefined) => (c ? [c.measured, c.ratio === null ? '–' : c.ratio.toFixed(2), c.verdict === 'missed' ? 'MISSED' : c.verdict] : ['', '', ''])
  const header = ['goal', 'target', `${labels.service}: measured (peer)`, 'ratio', '', ...(embedded ? [`${labels.embedded}: measured (peer)`, 'ratio', ''] : [])]
  const body = rows.map((r) => [r.goal, r.target, ...cells(r.service), ...(embedded ? cells(r.embedded) : [])])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)))
  const numeric = (i: number) => i >= 2 && (i - 2) % 3 === 1
  const fmt = (row: string[]) => row.map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()
  return [fmt(header), ...body.map(fmt)]
}

export interface LoadSummary {
  /** 1-minute load average when the part started, the mean and the highest sampled during it, at its end. */
  start: number
  mean: number
  max: number
  end: number
  samples: number
}

/** The 1-minute load averages of a part: at its start, sampled during it, at its end. */
export function summariseLoad(start: number, during: number[], end: number): LoadSummary {
  const all = [start, ...during, end]
  const r2 = (x: number) => Math.round(x * 100) / 100
  return { start: r2(start), mean: r2(all.reduce((a, b) => a + b, 0) / all.length), max: r2(Math.max(...all)), end: r2(end), samples: during.length }
}
