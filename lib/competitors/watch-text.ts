/**
 * What the competitor watch compares (pure, no I/O): a page's readable text (html-to-text, one block per
 * line, navigation and scripts left out), a feed's items one per line (@rowanmanning/feed-parser, RSS and
 * Atom), and the difference between two texts as lines added and removed (the `diff` package, line level),
 * capped so that a redesigned page cannot fill the review queue with a book.
 */
import { createHash } from 'node:crypto'
import { diffLines } from 'diff'
import { convert } from 'html-to-text'
import { parseFeed } from '@rowanmanning/feed-parser'

/** Longest text kept per source (characters); a longer page is cut here before it is compared. */
export const MAX_SNAPSHOT_CHARS = 100_000
/** Lines shown per side of a diff, characters per line, characters of an excerpt. */
export const MAX_DIFF_LINES = 30
export const MAX_LINE_CHARS = 300
export const MAX_EXCERPT_CHARS = 1_500
/** Feed items kept per snapshot (newest first, as the feed lists them). */
export const MAX_FEED_ITEMS = 50

// Boilerplate that changes without news (menus, cookie banners, scripts) is left out of the text.
const SKIP = ['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'nav', 'footer', 'form', 'img']

/** Normalises text for comparison: trimmed lines, inner runs of spaces as one, no empty lines. */
export function normaliseText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n')
    .slice(0, MAX_SNAPSHOT_CHARS)
}

/** A page's readable text: headings, paragraphs and list items as lines, link targets and images left out. */
export function extractPageText(html: string): string {
  const text = convert(html, {
    wordwrap: false,
    selectors: [
      ...SKIP.map((selector) => ({ selector, format: 'skip' as const })),
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'h4', options: { uppercase: false } },
      { selector: 'h5', options: { uppercase: false } },
      { selector: 'h6', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  })
  return normaliseText(text)
}

export interface FeedItem {
  title: string
  url: string | null
  /** ISO date (YYYY-MM-DD) or null. */
  publishedAt: string | null
  summary: string
}

const oneLine = (s: string | null | undefined, max: number) => (s ? convert(s, { wordwrap: false, selectors: SKIP.map((selector) => ({ selector, format: 'skip' as const })) }).replace(/\s+/g, ' ').trim().slice(0, max) : '')

/** A feed's items (RSS or Atom), newest first as listed; throws when the text is no feed at all. */
export function extractFeedItems(xml: string): FeedItem[] {
  const feed = parseFeed(xml)
  return feed.items.slice(0, MAX_FEED_ITEMS).map((item) => {
    const url = item.url && /^https?:\/\//i.test(item.url) ? item.url : null
    const published = item.published ?? item.updated
    return {
      title: oneLine(item.title, MAX_LINE_CHARS) || '(untitled)',
      url,
      publishedAt: published && !Number.isNaN(published.getTime()) ? published.toISOString().slice(0, 10) : null,
      summary: oneLine(item.description ?? item.content, MAX_LINE_CHARS),
    }
  })
}

/** The line of the snapshot that stands for an item: its date and title (its address is not compared). */
export function feedItemLine(item: Pick<FeedItem, 'title' | 'publishedAt'>): string {
  return normaliseText(item.publishedAt ? `${item.publishedAt} · ${item.title}` : item.title)
}

export function feedText(items: readonly FeedItem[]): string {
  return items.map(feedItemLine).join('\n')
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export interface DiffSummary {
  added: string[]
  removed: string[]
  addedCount: number
  removedCount: number
  /** Some lines (or characters of a line) were left out of `added` / `removed`. */
  truncated: boolean
}

const cutLine = (l: string) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS - 1)}…` : l)

/** The lines added and removed between two normalised texts, at most MAX_DIFF_LINES of each. */
export function summariseDiff(before: string, after: string): DiffSummary {
  const added: string[] = []
  const removed: string[] = []
  for (const part of diffLines(before, after, { ignoreWhitespace: true })) {
    if (!part.added && !part.removed) continue
    const lines = part.value.split('\n').filter((l) => l.trim() !== '')
    ;(part.added ? added : removed).push(...lines)
  }
  // A line that only moved is neither news nor gone.
  const moved = new Set(added.filter((l) => removed.includes(l)))
  const a = added.filter((l) => !moved.has(l))
  const r = removed.filter((l) => !moved.has(l))
  const truncated = a.length > MAX_DIFF_LINES || r.length > MAX_DIFF_LINES || [...a, ...r].some((l) => l.length > MAX_LINE_CHARS)
  return { added: a.slice(0, MAX_DIFF_LINES).map(cutLine), removed: r.slice(0, MAX_DIFF_LINES).map(cutLine), addedCount: a.length, removedCount: r.length, truncated }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** "2 lines added, 1 removed"; "1 new item" for a feed. */
export function describeDiff(d: Pick<DiffSummary, 'addedCount' | 'removedCount'>, kind: 'page' | 'feed'): string {
  if (kind === 'feed') {
    const parts = [d.addedCount > 0 ? `${plural(d.addedCount, 'new item')}` : null, d.removedCount > 0 ? `${d.removedCount} no longer listed` : null].filter(Boolean)
    return parts.length ? parts.join(', ') : 'Items reordered'
  }
  if (d.addedCount > 0 && d.removedCount > 0) return `${plural(d.addedCount, 'line')} added, ${d.removedCount} removed`
  if (d.addedCount > 0) return `${plural(d.addedCount, 'line')} added`
  if (d.removedCount > 0) return `${plural(d.removedCount, 'line')} removed`
  return 'Lines reordered'
}

/** The text a reviewer reads first: the added lines (or, when only lines went, what went), capped. */
export function changeExcerpt(d: DiffSummary): string {
  const lines = d.added.length > 0 ? d.added : d.removed.map((l) => `Removed: ${l}`)
  const text = lines.join('\n')
  return text.length > MAX_EXCERPT_CHARS ? `${text.slice(0, MAX_EXCERPT_CHARS - 1)}…` : text
}
