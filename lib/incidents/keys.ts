/** TanStack Query keys of the incident area; invalidate by prefix (`incidentKeys.all`) after any change. */
import { boardFilterQuery, type BoardFilters } from './board'

export const incidentKeys = {
  all: ['incidents'] as const,
  boards: () => [...incidentKeys.all, 'board'] as const,
  /** Keyed by the canonical query string, so equal filters share one cache entry. */
  board: (filters: BoardFilters) => [...incidentKeys.boards(), boardFilterQuery(filters)] as const,
  detail: (id: string) => [...incidentKeys.all, 'detail', id] as const,
}
