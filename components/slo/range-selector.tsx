import Link from 'next/link'
import { cn } from '@/lib/cn'
import type { SloRange } from '@/lib/slo/types'
import { RANGE_OPTIONS } from './ranges'

/** A segmented set of links (each range is a URL), the current one marked for assistive technology. */
export function RangeSelector({ basePath, current }: { basePath: string; current: SloRange }) {
  return (
    <nav aria-label="Time range" className="print:hidden">
      <ul className="inline-flex rounded-md border border-line-input bg-surface p-0.5">
        {RANGE_OPTIONS.map((o) => {
          const active = o.value === current
          return (
            <li key={o.value}>
              <Link
                href={`${basePath}?range=${o.value}`}
                aria-current={active ? 'page' : undefined}
                scroll={false}
                className={cn(
                  'inline-flex h-8 items-center rounded px-3 text-sm font-medium tabular-nums',
                  active ? 'bg-accent text-white' : 'text-ink-muted hover:bg-surface-muted hover:text-ink',
                )}
              >
                {o.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
