import Link from 'next/link'
import { requirePageUser } from '@/lib/auth/guard'
import { hasPermission, ROLE_LABELS } from '@/lib/rbac'
import { ADMIN, AREAS } from '@/lib/navigation'
import { env } from '@/lib/env'
import { Providers } from '@/components/shell/providers'
import { SessionKeepAlive } from '@/components/shell/session-keep-alive'
import { SidebarNav } from '@/components/shell/sidebar-nav'
import { SignOutButton } from '@/components/shell/sign-out-button'
import { gatePage } from './page-gate'

/** The shell: navigation and a required session. Each page and action still checks its own permission. */
export default async function CockpitLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser()
  // Above every loading.tsx, so that 403 and 404 answer with their status (see page-gate.ts).
  await gatePage(user)
  const toLinks = (items: typeof AREAS) =>
    items.filter((i) => hasPermission(user.role, i.permission)).map((i) => ({ href: i.href, label: i.label }))

  return (
    <Providers>
      <SessionKeepAlive idleSeconds={env.SESSION_IDLE_TIMEOUT} />
      <a href="#main" className="print:hidden sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <div className="flex min-h-screen">
        {/* The aside spans the page's full height (its background and border); its content sticks to the viewport. */}
        <aside className="print:hidden w-48 shrink-0 border-r border-slate-200 bg-white xl:w-56">
          <div className="sticky top-0 flex h-screen flex-col">
            <Link href="/" className="flex items-center gap-2 px-4 py-4 focus-visible:outline-2 focus-visible:outline-teal-700">
              <span className="flex h-7 w-7 items-center justify-center rounded-md bg-teal-700 text-sm font-bold text-white" aria-hidden="true">
                W
              </span>
              <span className="text-base font-semibold tracking-tight">Wardroom</span>
            </Link>
            <nav aria-label="Main" className="flex-1 space-y-6 overflow-y-auto px-2 py-2">
              <SidebarNav title="Areas" links={toLinks(AREAS)} />
              <SidebarNav title="Administration" links={toLinks(ADMIN)} />
            </nav>
            <div className="border-t border-slate-200 p-3">
              <p className="truncate text-sm font-medium text-slate-900" title={user.email}>
                {user.name}
              </p>
              <p className="mb-2 text-xs text-slate-500">{ROLE_LABELS[user.role]}</p>
              <SignOutButton />
            </div>
          </div>
        </aside>
        <main id="main" className="min-w-0 flex-1 px-6 py-6 xl:px-8 print:p-0">
          {children}
        </main>
      </div>
    </Providers>
  )
}
