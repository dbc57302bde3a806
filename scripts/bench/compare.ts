/**
 * `--embedded`: a suite's measurement runs on the PostgreSQL service and then on the embedded default in
 * the same invocation, and the figures are printed side by side with GET /api/ping measured against each
 * server (the framework's floor: when it moves between the two runs, the machine's load moved, not the
 * database). Target: the embedded default reaches ≥ 80 % of the service's throughput on each targeted path.
 *
 * On a shared machine one pair of runs can differ by a third for reasons that are not the database:
 * BENCH_ROUNDS=n repeats the pair n times, alternating which goes first, and compares the medians;
 * BENCH_EMBEDDED_FIRST=1 starts with the embedded default. bench-results/<suite>.json keeps the service's
 * first run at the top level (as without `--embedded`); `embedded` holds the embedded default's first run
 * and the comparison (medians and each round's rates).
 */
import os from 'node:os'
import type { LoadResult } from './load'
import { DATABASE_LABEL, type BenchDatabase } from './server'

export const EMBEDDED_TARGET = 0.8

export interface BenchOptions {
  /** Also run on the embedded default and compare. */
  embedded: boolean
  /** `--rows n,…`: the sizes a suite measures at (the analytics funnels); empty to skip that part. */
  rows?: number[]
}

/** Rounds of the comparison (BENCH_ROUNDS, default 1); figures are the median over the rounds. */
const roundsOf = (opts: BenchOptions) => (opts.embedded ? Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 1)) || 1) : 1)

/**
 * The order of the databases in one round: the service first, as without `--embedded`, unless
 * BENCH_EMBEDDED_FIRST=1 swaps them; further rounds alternate (service, embedded, embedded, service, …) so
 * that a machine growing busier or quieter during the run weighs on both alike.
 */
function databasesFor(opts: BenchOptions, round = 0): BenchDatabase[] {
  if (!opts.embedded) return ['service']
  const first: BenchDatabase[] = process.env.BENCH_EMBEDDED_FIRST === '1' ? ['embedded', 'service'] : ['service', 'embedded']
  return round % 2 === 0 ? first : [...first].reverse()
}

export type Measured<T> = T & { load: MachineLoad }

export interface Runs<T> {
  order: BenchDatabase[]
  service: Measured<T>[]
  embedded: Measured<T>[]
}

/** Runs `measure` on each database in turn (each round), with the machine's load over each run. */
export async function onEachDatabase<T extends object>(opts: BenchOptions, measure: (database: BenchDatabase) => Promise<T>): Promise<Runs<T>> {
  const runs: Runs<T> = { order: [], service: [], embedded: [] }
  for (let round = 0; round < roundsOf(opts); round++) {
    for (const database of databasesFor(opts, round)) {
      const load = watchLoad()
      const result = await measure(database)
      runs[database].push({ ...result, load: load() })
      runs.order.push(database)
    }
  }
  return runs
}

/** One path's figure on one server: a rate (higher is better) and the tail latency of one request or run. */
export interface Figure {
  perSecond: number
  unit: string
  p99Ms: number | null
}

export const figureOf = (r: LoadResult, unit = 'req/s'): Figure => ({ perSecond: r.perSecond, unit, p99Ms: r.latencyMs.p99 })

export interface MachineLoad {
  nproc: number
  loadavgBefore: number[]
  loadavgAfter: number[]
}

/** Call before measuring; the returned function, after, gives the load over the measurement. */
export function watchLoad(): () => MachineLoad {
  const loadavgBefore = os.loadavg().map(round2)
  return () => ({ nproc: os.availableParallelism(), loadavgBefore, loadavgAfter: os.loadavg().map(round2) })
}

export interface PathComparison {
  path: string
  /** Counted against the 80 % target; other paths are shown for context. */
  targeted: boolean
  /** The median over the rounds, of the rate and of the p99. */
  service: Figure
  embedded: Figure
  /** Each round's rate, when there were several. */
  serviceRuns?: number[]
  embeddedRuns?: number[]
  /** embedded ÷ service. */
  ratio: number
  /**
   * The ratio after dividing each side by its own GET /api/ping rate, per round, then the median: the
   * machine's drift removed.
   */
  ratioVsPing: number | null
}

export interface Comparison {
  target: number
  rounds: number
  /** The order the servers ran in. */
  order: BenchDatabase[]
  pass: boolean
  /** The targeted path furthest below the service. */
  weakest: { path: string; ratio: number } | null
  ping: PathComparison | null
  paths: PathComparison[]
  load: { whole: MachineLoad; service: MachineLoad[]; embedded: MachineLoad[] }
}

export interface PathSpec<T> {
  path: string
  targeted: boolean
  figure: (run: T) => Figure | null
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** The median figure over the runs, or null when a run lacks the figure. */
function medianFigure(figures: (Figure | null)[]): { figure: Figure; runs: number[] } | null {
  if (!figures.length || figures.some((f) => f === null)) return null
  const fs = figures as Figure[]
  const p99s = fs.map((f) => f.p99Ms)
  const perSecond = median(fs.map((f) => f.perSecond))
  return {
    figure: {
      perSecond: perSecond >= 100 ? Math.round(perSecond) : round2(perSecond),
      unit: fs[0]!.unit,
      p99Ms: p99s.some((p) => p === null) ? null : Math.round(median(p99s as number[]) * 10) / 10,
    },
    runs: fs.map((f) => f.perSecond),
  }
}

/** The side-by-side comparison of the runs: per path, the medians, their ratio and the 80 % verdict. */
export function compareRuns<T>(runs: Runs<T>, spec: { ping: PathSpec<T> | null; paths: PathSpec<T>[] }, whole: MachineLoad): Comparison {
  const rounds = runs.service.length
  const side = (p: PathSpec<T>) => {
    const service = medianFigure(runs.service.map(p.figure))
    const embedded = medianFigure(runs.embedded.map(p.figure))
    if (!service || !embedded) return null
    const ratio = service.figure.perSecond > 0 ? round2(embedded.figure.perSecond / service.figure.perSecond) : 0
    return {
      path: p.path,
      targeted: p.targeted,
      service: service.figure,
      embedded: embedded.figure,
      ...(rounds > 1 ? { serviceRuns: service.runs, embeddedRuns: embedded.runs } : {}),
      ratio,
      ratioVsPing: null as number | null,
    }
  }
  const ping = spec.ping ? side(spec.ping) : null
  // Round by round (the two servers of a round ran back to back), then the median: drift between rounds cancels.
  const perRound = (p: PathSpec<T>, r: number) => {
    const [s, e] = [p.figure(runs.service[r]!), p.figure(runs.embedded[r]!)]
    return s && e && s.perSecond > 0 ? e.perSecond / s.perSecond : null
  }
  const vsPing = (p: PathSpec<T>) => {
    if (!spec.ping) return null
    const ratios = runs.service.map((_, r) => {
      const [path, trivial] = [perRound(p, r), perRound(spec.ping!, r)]
      return path !== null && trivial ? path / trivial : null
    })
    return ratios.some((x) => x === null) ? null : round2(median(ratios as number[]))
  }
  const paths = spec.paths.flatMap((p) => {
    const c = side(p)
    return c ? [{ ...c, ratioVsPing: vsPing(p) }] : []
  })
  const targeted = paths.filter((p) => p.targeted)
  const weakest = targeted.reduce<PathComparison | null>((w, p) => (!w || p.ratio < w.ratio ? p : w), null)
  return {
    target: EMBEDDED_TARGET,
    rounds,
    order: runs.order,
    pass: targeted.length > 0 && targeted.every((p) => p.ratio >= EMBEDDED_TARGET),
    weakest: weakest ? { path: weakest.path, ratio: weakest.ratio } : null,
    ping,
    paths,
    load: { whole, service: runs.service.map((r) => r.load), embedded: runs.embedded.map((r) => r.load) },
  }
}

const loadLine = (l: MachineLoad) => `${l.loadavgBefore.join(' ')} → ${l.loadavgAfter.join(' ')}`

/** The side-by-side table, the load of the machine and the PASS/FAIL line. */
export function printComparison(say: (m: string) => void, c: Comparison): void {
  const num = (f: Figure) => `${f.perSecond.toLocaleString('en')} ${f.unit}`
  const ms = (v: number | null) => (v === null ? '–' : `${v} ms`)
  const header = ['path', DATABASE_LABEL.service, DATABASE_LABEL.embedded, 'emb/svc', 'vs ping', 'p99 service', 'p99 embedded']
  const rows = [...(c.ping ? [c.ping] : []), ...c.paths].map((p) => [
    `${p.targeted ? '* ' : '  '}${p.path}`,
    num(p.service),
    num(p.embedded),
    p.ratio.toFixed(2),
    p.ratioVsPing === null ? '–' : p.ratioVsPing.toFixed(2),
    ms(p.service.p99Ms),
    ms(p.embedded.p99Ms),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const fmt = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
  const order = c.order.map((d) => DATABASE_LABEL[d]).join(', ')
  say('')
  say(`embedded default vs PostgreSQL service, same build, same run (${order})`)
  if (c.rounds > 1) say(`figures are medians over ${c.rounds} rounds`)
  say(`* = counted for the ${c.target * 100} % target; "vs ping" = emb/svc ÷ GET /api/ping's emb/svc, per round (the machine's drift removed)`)
  say(fmt(header))
  for (const r of rows) say(fmt(r))
  for (const p of c.paths.filter((x) => x.serviceRuns)) {
    say(`  ${p.path} per round: service ${p.serviceRuns!.join(', ')}; embedded ${p.embeddedRuns!.join(', ')}`)
  }
  say(`machine: ${c.load.whole.nproc} CPUs; load average (1/5/15 min) ${loadLine(c.load.whole)}`)
  const runs = (d: BenchDatabase) => c.load[d].map((l) => loadLine(l)).join('; ')
  say(`  during the service run(s) ${runs('service')}; during the embedded run(s) ${runs('embedded')}`)
  const weakest = c.weakest ? ` (lowest: ${c.weakest.path} at ${Math.round(c.weakest.ratio * 100)} %)` : ''
  say(`${c.pass ? 'PASS' : 'FAIL'}: embedded ≥ ${c.target * 100} % of the service's throughput on each targeted path${weakest}`)
}
