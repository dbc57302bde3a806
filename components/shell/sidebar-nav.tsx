'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

export interface SidebarLink {
  href: string
  label: string
  planned: boolean
}

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`)
}

export function SidebarNav({ title, links }: { title: string; links: SidebarLink[] }) {
  const pathname = usePathname()
  if (links.length === 0) return null
  return (
    <div>
      <h2 className="px-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h2>
      <ul className="mt-2 space-y-0.5">
        {links.map((l) =>
          l.planned ? (
            <li key={l.href}>
              <span className="flex items-center justify-between rounded-md px-2 py-1.5 text-sm text-slate-500" aria-disabled="true">
                {l.label}
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">Planned</span>
              </span>
            </li>
          ) : (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={isActive(pathname, l.href) ? 'page' : undefined}
                className="block rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-teal-700 aria-[current=page]:bg-teal-50 aria-[current=page]:text-teal-900"
              >
                {l.label}
              </Link>
            </li>
          ),
        )}
      </ul>
    </div>
  )
}
