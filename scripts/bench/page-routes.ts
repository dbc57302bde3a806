/**
 * The cockpit's pages for `npm run bench -- pages`, read from the app's own page files so that a new page
 * is measured without anyone listing it: `app/(cockpit)/roadmap/[id]/page.tsx` is the pattern
 * `/roadmap/[id]`, filled with a real record's id by the bench (scripts/bench/pages.ts). Pure: no I/O here.
 */

/** The URL pattern of a page file under the cockpit's directory (route groups dropped), or null when it is no page. */
export function patternOf(relativeFile: string): string | null {
  const parts = relativeFile.split(/[\\/]/)
  if (parts.pop() !== 'page.tsx') return null
  const segments = parts.filter((p) => p !== '' && !(p.startsWith('(') && p.endsWith(')')))
  return `/${segments.join('/')}`
}

export const isDynamic = (pattern: string) => pattern.includes('[')

/** Every page pattern of the files (relative to the cockpit's directory), sorted, each once. */
export function patternsOf(relativeFiles: string[]): string[] {
  const out = new Set<string>()
  for (const f of relativeFiles) {
    const p = patternOf(f)
    if (p !== null) out.add(p)
  }
  return [...out].sort()
}

export interface PagePlan {
  /** The paths to request, in the order of their patterns. */
  paths: string[]
  /** Dynamic patterns the bench knows, but with no record in the database to show. */
  noRecord: string[]
  /** Dynamic patterns the bench does not know how to fill: add them to the bench's lookups. */
  unknown: string[]
}

/**
 * The paths for `patterns`: a static pattern as it is; a dynamic one by `examples[pattern]`, the path of one
 * real record (null when the database holds none; absent when the bench has no lookup for it).
 */
export function planPages(patterns: string[], examples: Record<string, string | null>): PagePlan {
  const plan: PagePlan = { paths: [], noRecord: [], unknown: [] }
  for (const p of patterns) {
    if (!isDynamic(p)) plan.paths.push(p)
    else if (!(p in examples)) plan.unknown.push(p)
    else if (examples[p] === null) plan.noRecord.push(p)
    else plan.paths.push(examples[p]!)
  }
  return plan
}

/** `/roadmap/[id]` with { id: 'a b' } → `/roadmap/a%20b`; throws when a segment has no value. */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const v = values[name]
    if (v === undefined) throw new Error(`${pattern}: no value for [${name}]`)
    return encodeURIComponent(v)
  })
}
