// Prints one closing line for CI from the Vitest (unit, integration, faults, soak) and Playwright JSON reports: "tests: N passed, M failed".
import { existsSync, readFileSync } from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
for (const file of ['test-results/vitest.json', 'test-results/vitest-solo.json', 'test-results/faults-vitest.json', 'test-results/soak.json']) {
  if (!existsSync(file)) continue
  const v = JSON.parse(readFileSync(file, 'utf8'))
  passed += v.numPassedTests ?? 0
  failed += v.numFailedTests ?? 0
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
}
if (existsSync('test-results/playwright.json')) {
  const p = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'))
  passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0)
  failed += p.stats?.unexpected ?? 0
  skipped += p.stats?.skipped ?? 0
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
