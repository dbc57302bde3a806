import type { SwotItem } from '@/lib/generated/prisma/client'

const QUADRANTS = [
  { key: 'strength', title: 'Strengths' },
  { key: 'weakness', title: 'Weaknesses' },
  { key: 'opportunity', title: 'Opportunities (for us)' },
  { key: 'threat', title: 'Threats (to us)' },
] as const

/** The four quadrants, each a list; an item with evidence behind it says so. */
export function SwotGrid({ items }: { items: readonly Pick<SwotItem, 'id' | 'quadrant' | 'text' | 'evidenceId'>[] }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {QUADRANTS.map((q) => {
        const list = items.filter((i) => i.quadrant === q.key)
        return (
          <section key={q.key} aria-labelledby={`swot-${q.key}`} className="rounded-md border border-line p-3">
            <h3 id={`swot-${q.key}`} className="text-sm font-semibold text-ink">
              {q.title}
            </h3>
            {list.length === 0 ? (
              <p className="mt-1 text-sm text-ink-muted">None recorded.</p>
            ) : (
              <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-ink">
                {list.map((i) => (
                  <li key={i.id}>
                    {i.text}
                    {i.evidenceId && <span className="text-xs text-ink-muted"> (backed by evidence in the timeline)</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )
      })}
    </div>
  )
}
