/**
 * The flag list's filter lives in the URL (a GET form), so a filtered view can be bookmarked and shared.
 * Lenient: an unknown value is dropped (and named in `invalid`), never answered with an error page.
 */
import { ENVIRONMENTS, FLAG_CATEGORIES, LIFECYCLES, type Environment, type FlagCategory, type Lifecycle } from './schema'

export type SearchParams = Record<string, string | string[] | undefined>

export interface FlagFilterValues {
  q: string
  environment: Environment | ''
  category: FlagCategory | ''
  tag: string
  lifecycle: Lifecycle | ''
}

export interface ParsedFlagFilter {
  values: FlagFilterValues
  invalid: (keyof FlagFilterValues)[]
}

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] : v)?.trim() ?? ''
const oneOf = <T extends string>(list: readonly T[], v: string): T | undefined => (list as readonly string[]).includes(v) ? (v as T) : undefined

export function parseFlagSearchParams(sp: SearchParams): ParsedFlagFilter {
  const invalid: (keyof FlagFilterValues)[] = []
  const pick = <T extends string>(name: 'environment' | 'category' | 'lifecycle', list: readonly T[]): T | '' => {
    const raw = first(sp[name])
    if (!raw) return ''
    const v = oneOf(list, raw)
    if (!v) invalid.push(name)
    return v ?? ''
  }
  const text = (name: 'q' | 'tag', ok: (v: string) => boolean): string => {
    const raw = first(sp[name])
    if (raw && !ok(raw)) invalid.push(name)
    return raw && ok(raw) ? raw : ''
  }
  const values: FlagFilterValues = {
    q: text('q', (v) => v.length <= 100),
    environment: pick('environment', ENVIRONMENTS),
    category: pick('category', FLAG_CATEGORIES),
    tag: text('tag', (v) => /^[\w .:-]{1,40}$/.test(v)),
    lifecycle: pick('lifecycle', LIFECYCLES),
  }
  return { values, invalid }
}

export function hasFlagFilter(v: FlagFilterValues): boolean {
  return Object.values(v).some((x) => x !== '')
}

/** The values as listFlags filters: blanks left out. */
export function toListFilters(v: FlagFilterValues): { q?: string; environment?: Environment; category?: string; tag?: string; lifecycle?: string } {
  return {
    ...(v.q ? { q: v.q } : {}),
    ...(v.environment ? { environment: v.environment } : {}),
    ...(v.category ? { category: v.category } : {}),
    ...(v.tag ? { tag: v.tag } : {}),
    ...(v.lifecycle ? { lifecycle: v.lifecycle } : {}),
  }
}
