/** TanStack Query keys of the funnel page; keyed by the funnel's canonical query string. */
export const funnelKeys = {
  all: ['analytics', 'funnel'] as const,
  dropOffs: (search: string, step: number) => [...funnelKeys.all, 'dropoffs', search, step] as const,
}

/** How many people a drop-off list shows (the CSV has the same ones). */
export const DROP_OFF_LIMIT = 50

/** The engine's drop-off list for a step (GET /api/analytics/funnel/dropoffs). */
export function dropOffsUrl(search: string, step: number): string {
  const p = new URLSearchParams(search)
  p.set('step', String(step))
  p.set('limit', String(DROP_OFF_LIMIT))
  return `/api/analytics/funnel/dropoffs?${p.toString()}`
}

/** A CSV download of one of the page's tables (GET /api/analytics/funnel/export). */
export function funnelExportUrl(search: string, table: 'steps' | 'time' | 'dropoffs', step?: number): string {
  const p = new URLSearchParams(search)
  p.set('table', table)
  if (step !== undefined) {
    p.set('step', String(step))
    p.set('limit', String(DROP_OFF_LIMIT))
  }
  return `/api/analytics/funnel/export?${p.toString()}`
}
