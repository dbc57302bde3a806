import type { DiffSummary, FeedItem } from '@/lib/competitors/watch-text'

/** A change as a reviewer reads it: a feed's new items, or a page's added and removed lines (capped). */
export function WatchChangeDiff({ diff, items }: { diff: DiffSummary; items: FeedItem[] | null }) {
  const more = (shown: number, total: number) => (total > shown ? <li className="text-ink-muted italic">… and {total - shown} more</li> : null)
  return (
    <div className="space-y-3 text-sm">
      {items && items.length > 0 && (
        <div>
          <h4 className="font-medium text-ink">New items</h4>
          <ul className="mt-1 space-y-1">
            {items.map((item, i) => (
              <li key={i}>
                {item.publishedAt && <span className="mr-2 text-ink-muted tabular-nums">{item.publishedAt}</span>}
                {item.url ? (
                  <a href={item.url} rel="noopener noreferrer nofollow" target="_blank" className="font-medium text-ink hover:underline">
                    {item.title}
                    <span className="sr-only"> (opens in a new tab)</span>
                  </a>
                ) : (
                  <span className="font-medium text-ink">{item.title}</span>
                )}
                {item.summary && <p className="text-ink-muted">{item.summary}</p>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!items?.length && diff.added.length > 0 && (
        <div>
          <h4 className="font-medium text-ink">Added</h4>
          <ul className="mt-1 space-y-0.5 border-l-2 border-ok-border pl-3 font-mono text-xs break-words">
            {diff.added.map((l, i) => (
              <li key={i}>
                <span aria-hidden="true" className="mr-1 text-ok-fg">+</span>
                {l}
              </li>
            ))}
            {more(diff.added.length, diff.addedCount)}
          </ul>
        </div>
      )}
      {diff.removed.length > 0 && (
        <div>
          <h4 className="font-medium text-ink">{items ? 'No longer listed' : 'Removed'}</h4>
          <ul className="mt-1 space-y-0.5 border-l-2 border-line pl-3 font-mono text-xs break-words text-ink-muted">
            {diff.removed.map((l, i) => (
              <li key={i}>
                <span aria-hidden="true" className="mr-1">−</span>
                <del className="no-underline">{l}</del>
              </li>
            ))}
            {more(diff.removed.length, diff.removedCount)}
          </ul>
        </div>
      )}
    </div>
  )
}
