'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

export interface SidebarLink {
  href: string
  label: string
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
        {links.map((l) => (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={isActive(pathname, l.href) ? 'page' : undefined}
              className="block rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-teal-700 aria-[current=page]:bg-teal-50 aria-[current=page]:text-teal-900"
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}
