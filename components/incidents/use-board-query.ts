'use client'

import { useRef, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { type IncidentStatus } from '@/lib/severity'
import { BOARD_COLUMNS, boardFilterQuery, type BoardData } from '@/lib/incidents/board'
import { appendColumnPage, MAX_PAGE_SIZE, MORE_PAGE_SIZE, type ColumnPage } from '@/lib/incidents/board-cursor'
import { incidentKeys } from '@/lib/incidents/keys'
import { POLL_FALLBACK_MS, type LiveMode } from './use-incident-stream'

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store', signal })
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null
    throw new Error(body?.error?.message ?? `The server answered ${res.status}`)
  }
  return (await res.json()) as T
}

function columnUrl(query: string, status: IncidentStatus, cursor: string, limit: number): string {
  const p = new URLSearchParams(query)
  p.set('status', status)
  p.set('cursor', cursor)
  p.set('limit', String(limit))
  return `/api/incidents/column?${p.toString()}`
}

type Extra = Record<IncidentStatus, number>

/**
 * The board (each column's first page), then as many more cards of each column as the responder had asked
 * for, continuing from the fresh first pages' cursors: a refresh keeps what is shown without gaps or repeats.
 */
async function loadBoard(query: string, extra: Extra, signal?: AbortSignal): Promise<BoardData> {
  const first = await getJson<BoardData>(`/api/incidents${query ? `?${query}` : ''}`, signal)
  const pages = await Promise.all(
    BOARD_COLUMNS.map(async (status) => {
      const out: ColumnPage[] = []
      let cursor = first.nextCursors[status]
      for (let want = extra[status]; want > 0 && cursor; ) {
        const page = await getJson<ColumnPage>(columnUrl(query, status, cursor, Math.min(want, MAX_PAGE_SIZE)), signal)
        out.push(page)
        want -= Math.max(1, page.cards.length)
        cursor = page.nextCursor
      }
      return out
    }),
  )
  return pages.flat().reduce(appendColumnPage, first)
}

/** What a "Show more" did: how many cards it added to the column, or why it could not. */
export type MoreResult = { ok: true; added: number; board: BoardData } | { ok: false; message: string }

/**
 * The live board's data: the server's first render, refreshed whenever the stream says something changed
 * (or every 2 s while it is down), and "Show more" per column (a page from GET /api/incidents/column).
 */
export function useBoardQuery(initial: BoardData, mode: LiveMode) {
  const queryClient = useQueryClient()
  const query = boardFilterQuery(initial.filters)
  const key = incidentKeys.board(initial.filters)
  // Cards beyond the first page that the responder asked to see, per column: a refresh loads as many again.
  const extra = useRef<Extra>({ triggered: 0, acknowledged: 0, investigating: 0, resolved: 0 })
  const [loadingMore, setLoadingMore] = useState<IncidentStatus | null>(null)

  const board = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => loadBoard(query, extra.current, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    refetchInterval: mode === 'live' ? false : POLL_FALLBACK_MS,
  })

  async function loadMore(status: IncidentStatus): Promise<MoreResult> {
    const current = queryClient.getQueryData<BoardData>(key)
    const cursor = current?.nextCursors[status]
    if (!current || !cursor) return { ok: false, message: 'Every incident of this column is shown.' }
    setLoadingMore(status)
    // Counted first, so any refresh from now on loads this page too; one already under way would not, so
    // it is cancelled and made again afterwards.
    extra.current[status] += MORE_PAGE_SIZE
    const wasRefreshing = queryClient.isFetching({ queryKey: key }) > 0
    await queryClient.cancelQueries({ queryKey: key })
    const stamp = queryClient.getQueryState(key)?.dataUpdatedAt
    try {
      const page = await getJson<ColumnPage>(columnUrl(query, status, cursor, MORE_PAGE_SIZE))
      const latest = queryClient.getQueryData<BoardData>(key) ?? current
      // A refresh that landed meanwhile already holds this page (it knew of the extra cards).
      const next = queryClient.getQueryState(key)?.dataUpdatedAt === stamp ? appendColumnPage(latest, page) : latest
      if (next !== latest) queryClient.setQueryData(key, next)
      return { ok: true, added: Math.max(0, next.columns[status].length - current.columns[status].length), board: next }
    } catch (err) {
      extra.current[status] = Math.max(0, extra.current[status] - MORE_PAGE_SIZE)
      return { ok: false, message: err instanceof Error && err.message ? err.message : 'The server did not answer.' }
    } finally {
      setLoadingMore(null)
      if (wasRefreshing) void queryClient.invalidateQueries({ queryKey: key })
    }
  }

  return { board, key, loadMore, loadingMore }
}
