/**
 * Architecture checks: the import boundaries of .dependency-cruiser.cjs (the same rules as `npm run lint:deps`)
 * hold with zero violations, and no source file is over 400 lines.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { cruise, type ICruiseResult } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')
const MAX_LINES = 400
const SOURCE_DIRS = ['lib', 'components', 'app', 'scripts', 'test', 'e2e', 'widget']
const EXCLUDED = [path.join('lib', 'generated')]

function sourceFiles(dir: string): string[] {
  if (EXCLUDED.includes(dir)) return []
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(rel)
    return /\.tsx?$/.test(entry.name) ? [rel] : []
  })
}

/** Lines as `wc -l` counts them (line ends). */
const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0)

describe('architecture', () => {
  it('keeps the import boundaries of .dependency-cruiser.cjs', async () => {
    const options = await extractDepcruiseOptions(path.join(root, '.dependency-cruiser.cjs'))
    const tsConfig = extractTSConfig(path.join(root, 'tsconfig.json'))
    const result = await cruise(['lib', 'components', 'app', 'scripts'], { ...options, baseDir: root }, {}, { tsConfig })
    const { summary, modules } = result.output as ICruiseResult
    // Not vacuous: the whole tree was read and the @/ alias resolved (an unresolved alias would hide every edge).
    expect(summary.totalCruised).toBeGreaterThan(500)
    const incidentsIngest = modules.find((m) => m.source === 'lib/incidents/ingest.ts')
    expect(incidentsIngest?.dependencies.map((d) => d.resolved)).toContain('lib/oncall/escalation-policy.ts')
    const violations = summary.violations.map((v) =>
      v.cycle ? `${v.rule.name}: ${[v.from, ...v.cycle.map((c) => c.name)].join(' → ')}` : `${v.rule.name}: ${v.from} → ${v.to}`,
    )
    expect(violations).toEqual([])
  }, 60_000)

  it(`has no source file over ${MAX_LINES} lines`, () => {
    const tooLong = SOURCE_DIRS.flatMap(sourceFiles)
      .map((file) => ({ file, lines: lineCount(readFileSync(path.join(root, file), 'utf8')) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`)
    expect(tooLong).toEqual([])
  })
})
