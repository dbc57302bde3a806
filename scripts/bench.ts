/**
 * Benchmarks against a production build on PostgreSQL: `npm run bench -- <suite>`.
 * Each suite is one module in scripts/bench/ exporting `run()`; add yours to SUITES.
 * Run `npm run build` first; suites start the built app themselves (scripts/bench/server.ts).
 */
const SUITES: Record<string, { describe: string; load: () => Promise<{ run: () => Promise<void> }> }> = {
  alerts: { describe: 'POST /api/alerts (90 % duplicates) vs a trivial route', load: () => import('./bench/alerts') },
  sli: { describe: 'SLI batch ingest vs COPY, slo-evaluate (20 SLOs × 30 days), SLO overview (90 days)', load: () => import('./bench/sli') },
  flags: { describe: 'OFREP single and bulk (20 flags) vs a trivial route; in-process evaluations/s', load: () => import('./bench/flags') },
}

async function main(): Promise<void> {
  const name = process.argv[2]
  const suite = name ? SUITES[name] : undefined
  if (!suite) {
    console.error(`Usage: npm run bench -- <suite>\n${Object.entries(SUITES).map(([n, s]) => `  ${n.padEnd(8)} ${s.describe}`).join('\n')}`)
    process.exit(2)
  }
  const { run } = await suite.load()
  await run()
}

main().catch((e: unknown) => {
  console.error(`[bench] failed: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
