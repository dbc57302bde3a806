/**
 * The competitor watch (job `competitor-watch`): each active source is fetched through the guarded outbound
 * helper (SSRF policy, timeouts, body cap; a redirect is followed up to three times, each hop checked by
 * the same policy), its readable text extracted (watch-text.ts) and redacted, and compared with the last
 * snapshot. The first fetch is the baseline; a different text later becomes a pending change for the review
 * queue, in one transaction with the new snapshot and its audit row. A source that fails records why and
 * the run goes on with the next.
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { db } from '../db'
import { outboundErrorText, outboundRequest, type OutboundRequest } from '../http/outbound'
import { redact } from '../phi/redact'
import { inTransaction } from '../tx'
import { changeExcerpt, describeDiff, extractFeedItems, extractPageText, feedItemLine, feedText, normaliseText, summariseDiff, textHash, type FeedItem } from './watch-text'
import type { WatchKind } from './watch-schema'

export const WATCH_TIMEOUT_MS = 15_000
export const WATCH_MAX_BYTES = 2 * 1024 * 1024
const MAX_REDIRECTS = 3
const USER_AGENT = 'Wardroom-competitor-watch/1 (+change review)'

export type CheckOutcome = 'baseline' | 'unchanged' | 'changed' | 'failed'

export interface WatchRunSummary {
  checked: number
  baseline: number
  unchanged: number
  changed: number
  failed: number
}

/** A failure of one source, in words safe to store and show (no address, port or stack). */
export class WatchFetchError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WatchFetchError'
  }
}

interface Fetched {
  text: string
  items: FeedItem[] | null
}

/** Fetches a source and returns its redacted, normalised text (and a feed's redacted items). */
export async function fetchSourceText(url: string, kind: WatchKind, request: OutboundRequest, signal?: AbortSignal): Promise<Fetched> {
  let target = url
  for (let hop = 0; ; hop++) {
    let res
    try {
      res = await request(target, {
        timeoutMs: WATCH_TIMEOUT_MS,
        maxBodyBytes: WATCH_MAX_BYTES,
        signal,
        headers: { 'user-agent': USER_AGENT, accept: kind === 'feed' ? 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' : 'text/html, */*;q=0.5' },
      })
    } catch (err) {
      throw new WatchFetchError(outboundErrorText(err))
    }
    const location = res.headers.location
    if (res.status >= 300 && res.status < 400 && typeof location === 'string') {
      if (hop >= MAX_REDIRECTS) throw new WatchFetchError(`Too many redirects (more than ${MAX_REDIRECTS})`)
      const next = URL.canParse(location, target) ? new URL(location, target) : null
      if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:')) throw new WatchFetchError('Redirected to an address that is not http(s)')
      target = next.toString()
      continue
    }
    if (res.status < 200 || res.status >= 300) throw new WatchFetchError(`The server answered HTTP ${res.status}`)
    const body = res.body.toString('utf8')
    if (kind === 'page') return { text: normaliseText(redact(extractPageText(body))), items: null }
    let items: FeedItem[]
    try {
      items = extractFeedItems(body)
    } catch {
      throw new WatchFetchError('Not an RSS or Atom feed')
    }
    // Vendor item addresses are not patient data; titles and summaries are free text and are redacted.
    const clean = items.map((i) => ({ ...i, title: redact(i.title), summary: redact(i.summary) }))
    return { text: feedText(clean), items: clean }
  }
}

export interface CheckDeps {
  request?: OutboundRequest
  now?: Date
  signal?: AbortSignal
}

/** Checks one source: fetch, compare, record (baseline, nothing, or a pending change); failures go on the source. */
export async function checkWatchSource(actor: Actor, sourceId: string, deps: CheckDeps = {}): Promise<CheckOutcome> {
  authorize(actor, 'competitor:edit')
  const now = deps.now ?? new Date()
  const source = await db.competitorWatchSource.findUniqueOrThrow({ where: { id: sourceId } })
  const kind = source.kind as WatchKind
  let fetched: Fetched
  try {
    fetched = await fetchSourceText(source.url, kind, deps.request ?? outboundRequest, deps.signal)
  } catch (err) {
    if (!(err instanceof WatchFetchError)) throw err
    await db.competitorWatchSource.update({ where: { id: source.id }, data: { lastCheckedAt: now, lastStatus: 'failed', lastError: err.message, failures: { increment: 1 } } })
    return 'failed'
  }
  const hash = textHash(fetched.text)
  return inTransaction(async (tx) => {
    // One check of a source at a time: a second run waits here and then finds the snapshot up to date.
    await tx.$queryRaw`SELECT id::text FROM "CompetitorWatchSource" WHERE id = ${source.id}::uuid FOR UPDATE`
    const snapshot = await tx.competitorWatchSnapshot.findUnique({ where: { sourceId: source.id } })
    const ok = { lastCheckedAt: now, lastError: null, failures: 0 }
    if (!snapshot) {
      await tx.competitorWatchSnapshot.create({ data: { sourceId: source.id, text: fetched.text, hash, fetchedAt: now } })
      await tx.competitorWatchSource.update({ where: { id: source.id }, data: { ...ok, lastStatus: 'baseline' } })
      return 'baseline'
    }
    if (snapshot.hash === hash) {
      await tx.competitorWatchSnapshot.update({ where: { sourceId: source.id }, data: { fetchedAt: now } })
      await tx.competitorWatchSource.update({ where: { id: source.id }, data: { ...ok, lastStatus: 'unchanged' } })
      return 'unchanged'
    }
    const diff = summariseDiff(snapshot.text, fetched.text)
    const added = new Set(diff.added)
    const newItems = fetched.items?.filter((i) => added.has(feedItemLine(i))) ?? null
    const change = await tx.competitorWatchChange.create({
      data: {
        sourceId: source.id,
        competitorId: source.competitorId,
        detectedAt: now,
        summary: describeDiff(diff, kind),
        diff: { ...diff },
        excerpt: changeExcerpt(diff),
        items: newItems ? newItems.map((i) => ({ ...i })) : undefined,
        hash,
      },
      select: { id: true },
    })
    await tx.competitorWatchSnapshot.update({ where: { sourceId: source.id }, data: { text: fetched.text, hash, fetchedAt: now } })
    await tx.competitorWatchSource.update({ where: { id: source.id }, data: { ...ok, lastStatus: 'changed' } })
    await recordAudit(
      actor,
      { action: 'competitor.watch.change', targetType: 'competitor_watch_source', targetId: source.id, summary: { changeId: change.id, added: diff.addedCount, removed: diff.removedCount } },
      tx,
    )
    return 'changed'
  })
}

/** Checks every active source, oldest check first; one failing source does not stop the others. */
export async function runCompetitorWatch(actor: Actor, deps: CheckDeps = {}): Promise<WatchRunSummary> {
  const sources = await db.competitorWatchSource.findMany({
    where: { active: true, competitor: { archivedAt: null } },
    orderBy: [{ lastCheckedAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }],
    select: { id: true },
  })
  const summary: WatchRunSummary = { checked: 0, baseline: 0, unchanged: 0, changed: 0, failed: 0 }
  for (const s of sources) {
    deps.signal?.throwIfAborted()
    const outcome = await checkWatchSource(actor, s.id, deps)
    summary.checked++
    summary[outcome]++
  }
  return summary
}
