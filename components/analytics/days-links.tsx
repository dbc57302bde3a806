import Link from 'next/link'
import { cn } from '@/lib/cn'

/** A segmented set of links, one per range in days (each a URL), the current one marked for assistive technology. */
export function DaysLinks({ basePath, current, options }: { basePath: string; current: number; options: readonly number[] }) {
  return (
    <nav aria-label="Time range" className="print:hidden">
      <ul className="inline-flex rounded-md border border-line-input bg-surface p-0.5">
        {options.map((d) => {
          const active = d === current
          return (
            <li key={d}>
              <Link
                href={`${basePath}?days=${d}`}
                aria-current={active ? 'page' : undefined}
                scroll={false}
                className={cn(
                  'inline-flex h-8 items-center rounded px-3 text-sm font-medium tabular-nums focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-teal-700',
                  active ? 'bg-accent text-white' : 'text-ink-muted hover:bg-surface-muted hover:text-ink',
                )}
              >
                <span className="sr-only">Last </span>
                {d} days
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
