// `npm test`: every check and test suite, in phases, with each phase's time printed at the end.
// The static checks and the production build share the first phase: typecheck and eslint are one
// process on one core each, so on a 2-core machine they finish in the shadow of the build instead of one
// after the other. Each parallel task's output is printed whole when it ends (never interleaved). Stops
// at the first failing phase, as the `&&` chain it replaces did.
import { spawn } from 'node:child_process'

const PHASES = [
  { name: 'checks and build', tasks: ['typecheck', 'lint', 'build'] },
  { name: 'unit and integration', tasks: ['test:unit'] },
  { name: 'end to end', tasks: ['test:e2e:run'] },
  { name: 'faults', tasks: ['test:faults'] },
  { name: 'soak', tasks: ['test:soak'] },
]

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/** Runs `npm run <script>`; a lone task streams its output, tasks side by side buffer theirs. */
function run(script, stream) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '-s', script], { stdio: stream ? 'inherit' : ['ignore', 'pipe', 'pipe'] })
    const chunks = []
    if (!stream) {
      child.stdout.on('data', (c) => chunks.push(c))
      child.stderr.on('data', (c) => chunks.push(c))
    }
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000)
      if (!stream) process.stdout.write(`\n── npm run ${script} (${seconds} s, exit ${code ?? signal}) ──\n${Buffer.concat(chunks).toString()}`)
      resolve({ script, code: code ?? 1, seconds })
    })
  })
}

const timings = []
let failed = null
const started = Date.now()
for (const phase of PHASES) {
  const t0 = Date.now()
  console.log(`\n══ ${phase.name}: ${phase.tasks.map((t) => `npm run ${t}`).join(' ‖ ')} ══`)
  const results = await Promise.all(phase.tasks.map((t) => run(t, phase.tasks.length === 1)))
  timings.push({ phase: phase.name, seconds: Math.round((Date.now() - t0) / 1000), tasks: results })
  const bad = results.filter((r) => r.code !== 0)
  if (bad.length) {
    failed = `${phase.name} (${bad.map((r) => `npm run ${r.script}`).join(', ')})`
    break
  }
}

console.log('\n══ timings ══')
for (const t of timings) {
  const parts = t.tasks.length > 1 ? `  (${t.tasks.map((r) => `${r.script} ${r.seconds} s`).join(', ')})` : ''
  console.log(`${t.phase.padEnd(22)} ${String(t.seconds).padStart(5)} s${parts}`)
}
console.log(`${'all'.padEnd(22)} ${String(Math.round((Date.now() - started) / 1000)).padStart(5)} s`)
if (failed) {
  console.error(`\nnpm test: failed in ${failed}`)
  process.exit(1)
}
