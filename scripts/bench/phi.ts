/**
 * PHI redaction quality and speed (no server, no database): `npm run bench -- phi`.
 * Scores lib/phi/redact.ts on the labelled corpus (lib/phi/corpus/README.md), tuning and held-out splits
 * separately, per identifier type, and measures throughput of redact() on one core over a mixed text of
 * BENCH_PHI_MB megabytes (default 4) built from the corpus. Targets: recall ≥ 0.95, precision ≥ 0.90,
 * ≥ 2 MB/s. Writes bench-results/phi.json. BENCH_PHI_VERBOSE=1 lists misses and false positives.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { findPhi, redact } from '../../lib/phi/redact'
import { formatScore, scoreCorpus, type CorpusItem } from '../../lib/phi/score'
import type { BenchOptions } from './compare'

const CORPUS = path.resolve(import.meta.dirname, '../../lib/phi/corpus')
const TARGET = { recall: 0.95, precision: 0.9, mbPerSecond: 2 }

const load = (name: string): CorpusItem[] => JSON.parse(readFileSync(path.join(CORPUS, `${name}.json`), 'utf8')) as CorpusItem[]

/**
 * MB/s of redact() over alert-sized pieces. Judged on CPU time (user + system of this single-threaded
 * process): on a shared machine wall time also counts the waits for a core, which is not the redactor's.
 */
function throughput(items: CorpusItem[]): { mb: number; seconds: number; cpuSeconds: number; mbPerSecond: number; wallMbPerSecond: number } {
  const mb = Number(process.env.BENCH_PHI_MB ?? 4)
  const chunks: string[] = []
  let size = 0
  // Alert-sized pieces (a few lines each), as the ingest path sees them.
  for (let i = 0; size < mb * 1e6; i++) {
    const piece = `${items[i % items.length]!.text}\n${items[(i * 7 + 3) % items.length]!.text}`
    chunks.push(piece)
    size += Buffer.byteLength(piece)
  }
  for (const c of chunks.slice(0, 200)) redact(c) // warm-up
  const start = process.hrtime.bigint()
  const cpu0 = process.cpuUsage()
  for (const c of chunks) redact(c)
  const cpu = process.cpuUsage(cpu0)
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  return { mb: size / 1e6, seconds, cpuSeconds, mbPerSecond: size / 1e6 / cpuSeconds, wallMbPerSecond: size / 1e6 / seconds }
}

export async function run(_opts: BenchOptions): Promise<void> {
  const tuning = load('tuning')
  const heldout = load('heldout')
  const results = { tuning: scoreCorpus(tuning, findPhi), heldout: scoreCorpus(heldout, findPhi) }
  for (const [name, s] of Object.entries(results)) {
    console.log(formatScore(name, s))
    if (process.env.BENCH_PHI_VERBOSE === '1') {
      for (const m of s.misses) console.log(`    MISS ${m.id} ${m.type}: ${JSON.stringify(m.text)}`)
      for (const f of s.falsePositives) console.log(`    FP   ${f.id} ${f.kind}: ${JSON.stringify(f.text)}`)
    }
  }
  const speed = throughput([...tuning, ...heldout])
  console.log(
    `throughput: ${speed.mbPerSecond.toFixed(2)} MB/s of CPU time on one core (${speed.mb.toFixed(1)} MB in ${speed.cpuSeconds.toFixed(2)} s CPU; wall ${speed.wallMbPerSecond.toFixed(2)} MB/s)`,
  )
  const pass =
    Object.values(results).every((s) => s.recall.value >= TARGET.recall && s.precision.value >= TARGET.precision) && speed.mbPerSecond >= TARGET.mbPerSecond
  console.log(pass ? 'PASS' : 'FAIL', `(targets: recall ≥ ${TARGET.recall}, precision ≥ ${TARGET.precision}, ≥ ${TARGET.mbPerSecond} MB/s)`)
  const strip = ({ misses, falsePositives, ...rest }: (typeof results)['tuning']) => ({ ...rest, misses: misses.length, falsePositives: falsePositives.length })
  mkdirSync('bench-results', { recursive: true })
  writeFileSync(
    'bench-results/phi.json',
    `${JSON.stringify({ at: new Date().toISOString(), targets: TARGET, tuning: strip(results.tuning), heldout: strip(results.heldout), throughput: speed, pass }, null, 2)}\n`,
  )
  if (!pass) process.exitCode = 1
}
