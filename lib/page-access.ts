/**
 * What each cockpit page needs before it may render: the permission (any one of a list) and, for a record's
 * page, which record. The cockpit layout checks both above every loading boundary (app/(cockpit)/page-gate.ts),
 * because a `loading.tsx` fallback starts the response with 200: a check inside the page could then only
 * show the 403/404 page, not answer with its status. Pages keep their own checks; this table is for the
 * status code. `lib/page-access.test.ts` holds it to the pages in app/(cockpit).
 */
import type { Permission } from './rbac'
import { ADMIN } from './navigation'

/** The request header the proxy sets to the requested path, so that the cockpit layout can read it. */
export const PATHNAME_HEADER = 'x-wardroom-pathname'

/** Longest prefix wins; a prefix covers itself and everything below it. */
const PAGE_PERMISSIONS: { prefix: string; anyOf: readonly Permission[] }[] = [
  { prefix: '/incidents', anyOf: ['incident:read'] },
  { prefix: '/oncall', anyOf: ['incident:read'] },
  { prefix: '/services', anyOf: ['incident:read'] },
  { prefix: '/services/new', anyOf: ['service:manage'] },
  { prefix: '/slo', anyOf: ['slo:read'] },
  { prefix: '/slo/reports', anyOf: ['report:read'] },
  { prefix: '/slo/manage', anyOf: ['slo:manage'] },
  { prefix: '/flags', anyOf: ['flag:read'] },
  { prefix: '/analytics', anyOf: ['analytics:read'] },
  { prefix: '/feedback', anyOf: ['feedback:read'] },
  // Defining a workflow is for product managers; an existing one is shown read-only to readers.
  { prefix: '/analytics/workflows/new', anyOf: ['analytics:manage'] },
  { prefix: '/competitors', anyOf: ['competitor:read'] },
  { prefix: '/competitors/settings', anyOf: ['competitor:edit'] },
  { prefix: '/roadmap', anyOf: ['roadmap:read'] },
  { prefix: '/roadmap/new', anyOf: ['roadmap:edit'] },
  // The index lists the administration areas the person may open: it needs one of them.
  { prefix: '/admin', anyOf: ADMIN.map((a) => a.permission) },
  ...ADMIN.map((a) => ({ prefix: a.href, anyOf: [a.permission] })),
]

const covers = (prefix: string, pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`)

/** The permissions of which the page at this path needs one; null for a path this table does not know. */
export function pagePermissions(pathname: string): readonly Permission[] | null {
  if (pathname === '/') return ['overview:read']
  let best: (typeof PAGE_PERMISSIONS)[number] | null = null
  for (const entry of PAGE_PERMISSIONS) {
    if (covers(entry.prefix, pathname) && (!best || entry.prefix.length > best.prefix.length)) best = entry
  }
  return best?.anyOf ?? null
}

export type RecordKind = 'incident' | 'flag' | 'experiment' | 'slo' | 'report' | 'job' | 'service' | 'workflow' | 'competitor' | 'competitor-cell' | 'feedback' | 'roadmap' | 'roadmap-review'

/** A record's page: its kind and identifier (null when the path segment is not valid percent-encoding). */
export interface PageRecord {
  kind: RecordKind
  id: string | null
}

/** The record pages, as path patterns; a static sibling (`/slo/reports`) is a page of its own, not a key. */
const RECORD_PAGES: { kind: RecordKind; parent: string; notKeys: readonly string[]; segments?: 2 }[] = [
  { kind: 'incident', parent: '/incidents', notKeys: ['probes'] },
  { kind: 'flag', parent: '/flags', notKeys: ['experiments'] },
  { kind: 'experiment', parent: '/flags/experiments', notKeys: [] },
  { kind: 'slo', parent: '/slo', notKeys: ['reports', 'manage'] },
  { kind: 'slo', parent: '/slo/manage', notKeys: ['new'] },
  { kind: 'report', parent: '/slo/reports', notKeys: [] },
  { kind: 'job', parent: '/admin/jobs', notKeys: [] },
  { kind: 'service', parent: '/services', notKeys: ['new'] },
  { kind: 'workflow', parent: '/analytics/workflows', notKeys: ['new'] },
  { kind: 'competitor', parent: '/competitors', notKeys: ['cells', 'settings', 'review', 'sources'] },
  // A cell: /competitors/cells/<product key>/<capability key>, its id "<product>/<capability>" (decoded each).
  { kind: 'competitor-cell', parent: '/competitors/cells', notKeys: [], segments: 2 },
  { kind: 'feedback', parent: '/feedback', notKeys: ['sla', 'satisfaction'] },
  { kind: 'roadmap', parent: '/roadmap', notKeys: ['new', 'timeline', 'table', 'capacity', 'reviews', 'value-risk'] },
  { kind: 'roadmap-review', parent: '/roadmap/reviews', notKeys: [] },
]

function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

/** The record whose page this path is, or null for any other page. */
export function pageRecord(pathname: string): PageRecord | null {
  for (const page of RECORD_PAGES) {
    if (!pathname.startsWith(`${page.parent}/`)) continue
    const rest = pathname.slice(page.parent.length + 1)
    if (page.segments === 2) {
      const parts = rest.split('/')
      if (parts.length !== 2 || parts.some((x) => x === '')) continue
      const [a, b] = parts.map(decodeSegment)
      return { kind: page.kind, id: a === null || a === undefined || b === null || b === undefined || a.includes('/') ? null : `${a}/${b}` }
    }
    if (rest === '' || rest.includes('/') || page.notKeys.includes(rest)) continue
    return { kind: page.kind, id: decodeSegment(rest) }
  }
  return null
}
