'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { cn } from '@/lib/cn'

export interface TabLink {
  href: string
  label: string
  /** A count shown beside the label, e.g. open incidents. */
  count?: number
}

export interface TabsNavProps {
  /** Names the navigation landmark, e.g. "Incident views". */
  label: string
  tabs: readonly TabLink[]
  /** The current tab's href. Omit to match the URL path (set it when tabs differ only by query string). */
  current?: string
  className?: string
}

/**
 * Links styled as tabs: each is a page, so it is navigation with aria-current, not an ARIA tablist.
 * The focus ring is drawn inside each link because the scrolling list would clip one drawn outside.
 */
export function TabsNav({ label, tabs, current, className }: TabsNavProps) {
  const pathname = usePathname()
  const active = current ?? pathname
  return (
    <nav aria-label={label} className={cn('border-b border-line', className)}>
      <ul className="-mb-px flex gap-4 overflow-x-auto">
        {tabs.map((tab) => {
          const isCurrent = tab.href === active
          return (
            <li key={tab.href} className="shrink-0">
              <Link
                href={tab.href}
                aria-current={isCurrent ? 'page' : undefined}
                className={cn(
                  'inline-flex items-center gap-1.5 border-b-2 px-1 py-2 text-sm font-medium focus-visible:outline-offset-[-2px]',
                  isCurrent ? 'border-accent text-accent-fg' : 'border-transparent text-ink-muted hover:border-line-strong hover:text-ink',
                )}
              >
                {tab.label}
                {tab.count !== undefined && (
                  <span className="rounded-full bg-surface-muted px-1.5 text-xs text-ink-muted tabular-nums">{tab.count}</span>
                )}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
