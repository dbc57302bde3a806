/**
 * Benchmarks against a production build on PostgreSQL: `npm run bench -- <suite> [--embedded]`.
 * Each suite is one module in scripts/bench/ exporting `run(options)`; add yours to SUITES.
 * Run `npm run build` first; suites start the built app themselves (scripts/bench/server.ts).
 * `--embedded` runs the suite on the local PostgreSQL service and then on the embedded default, and
 * compares the two (scripts/bench/compare.ts).
 */
import type { BenchOptions } from './bench/compare'

interface Suite {
  describe: string
  load: () => Promise<{ run: (opts: BenchOptions) => Promise<void> }>
}

const SUITES: Record<string, Suite> = {
  alerts: { describe: 'POST /api/alerts (90 % duplicates) vs a trivial route', load: () => import('./bench/alerts') },
  sli: { describe: 'SLI batch ingest vs COPY, slo-evaluate (20 SLOs × 30 days), SLO overview (90 days)', load: () => import('./bench/sli') },
  flags: { describe: 'OFREP single and bulk (20 flags) vs a trivial route; in-process evaluations/s', load: () => import('./bench/flags') },
  pages: { describe: 'every cockpit page with the demo data and 3,000 more incidents: TTFB and full document', load: () => import('./bench/pages') },
  analytics: {
    describe: 'analytics batch ingest vs COPY of the same rows; 3-step funnels (--rows 1e6,1e7) vs a sequential scan',
    load: () => import('./bench/analytics'),
  },
  feedback: { describe: 'POST /api/feedback submissions/s (API key: distinct, retries) and through the widget route; widget.js gzipped size', load: () => import('./bench/feedback') },
  goals: {
    describe: 'every issue-17 goal from one run in one table (flags vs unleash-server, alerts, SLI and analytics ingest vs COPY, pages)',
    load: () => import('./bench/goals'),
  },
  phi: { describe: 'PHI redaction recall/precision per identifier type (labelled corpus) and MB/s; no server', load: () => import('./bench/phi') },
}

const FLAGS = ['--embedded']
/** Options that take a value (`--rows 1e6,1e7` or `--rows=1e6,1e7`). */
const VALUED = ['--rows']

function usage(): string {
  return [
    'Usage: npm run bench -- <suite> [--embedded] [--rows n,…]',
    ...Object.entries(SUITES).map(([n, s]) => `  ${n.padEnd(10)}${s.describe}`),
    '',
    '  --embedded  also run on the embedded default (npm start without DATABASE_URL, in a throwaway data',
    '              directory) after the PostgreSQL service, and print both side by side with GET /api/ping',
    '              against each; PASS when the embedded default reaches ≥ 80 % of the service\'s throughput',
    '              on each path marked * (the throughput paths). Adds an `embedded` section to',
    '              bench-results/<suite>.json.',
    '              BENCH_ROUNDS=n repeats the pair n times, alternating the order, and compares medians',
    '              (a shared machine\'s noise); BENCH_EMBEDDED_FIRST=1 runs the embedded default first.',
    '',
    '  goals       runs the parts of flags, alerts, sli, analytics and pages that issue 17\'s goals need, each',
    '              through its suite\'s own measuring function, and prints one table: goal, target, measured',
    '              (with the peer\'s figure from the same run), ratio, met/missed — with --embedded one column',
    '              per database — and the 1-minute load average at the start, during and at the end of each',
    '              part. Writes bench-results/goals.json. BENCH_GOALS_PARTS=flags,pages runs a subset; a short',
    '              trial: BENCH_COUNT=2000 BENCH_ROWS=20000 BENCH_RUNS=3 BENCH_INCIDENTS=300.',
    '',
    '  --rows n,…  (analytics) the funnel sizes, e.g. 1e6,1e7 (the default); 0 skips the funnel part',
    '',
    'Knobs (environment): BENCH_COUNT, BENCH_CONCURRENCY, BENCH_ROWS (sli, analytics), BENCH_EVALS (flags),',
    '  BENCH_RUNS and BENCH_INCIDENTS (pages), BENCH_PEER=off (no unleash-server), BENCH_GOALS_PARTS (goals),',
    '  BENCH_PG_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres); see each suite\'s header.',
  ].join('\n')
}

/** `1e6,1e7` → [1000000, 10000000]; null when any is not a whole number ≥ 0. */
function sizes(text: string | undefined): number[] | null {
  const values = (text ?? '').split(',').map((s) => Number(s.trim()))
  return values.length && values.every((n) => Number.isInteger(n) && n >= 0) ? values.filter((n) => n > 0) : null
}

async function main(): Promise<void> {
  const args: string[] = []
  const values: Record<string, string> = {}
  const argv = process.argv.slice(2)
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined]
    if (VALUED.includes(flag)) values[flag] = inline ?? argv[++i] ?? ''
    else args.push(argv[i]!)
  }
  const names = args.filter((a) => !a.startsWith('--'))
  const unknown = args.filter((a) => a.startsWith('--') && !FLAGS.includes(a))
  const suite = names.length === 1 ? SUITES[names[0]!] : undefined
  const rows = values['--rows'] === undefined ? undefined : sizes(values['--rows'])
  if (!suite || unknown.length || rows === null) {
    if (unknown.length) console.error(`Unknown option ${unknown.join(', ')}`)
    if (rows === null) console.error(`--rows takes whole numbers separated by commas, e.g. 1e6,1e7 (got "${values['--rows']}")`)
    console.error(usage())
    process.exit(2)
  }
  const { run } = await suite.load()
  await run({ embedded: args.includes('--embedded'), ...(rows ? { rows } : {}) })
}

main().catch((e: unknown) => {
  console.error(`[bench] failed: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
