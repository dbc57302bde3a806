import type { ReactNode } from 'react'
import Link from 'next/link'
import { cn } from '@/lib/cn'
import { ButtonLink } from './button'

export interface PageHeaderProps {
  /** The page's only h1. */
  title: ReactNode
  description?: ReactNode
  /** Primary actions on the right, e.g. a ButtonLink "New flag". */
  actions?: ReactNode
  /** The page's main action as a primary button link, e.g. to the form that adds one (before `actions`). */
  primaryAction?: { href: string; label: string }
  /** Above the title: a back link or breadcrumb. */
  eyebrow?: ReactNode
  /** Above the title: a link up to the parent page (used when there is no other `eyebrow`). */
  back?: { href: string; label: string }
  className?: string
}

export function PageHeader({ title, description, actions, primaryAction, eyebrow, back, className }: PageHeaderProps) {
  const above =
    eyebrow ??
    (back && (
      <Link href={back.href} className="hover:underline">
        {back.label}
      </Link>
    ))
  return (
    <header className={cn('mb-6 flex flex-wrap items-end justify-between gap-x-6 gap-y-3', className)}>
      <div className="min-w-0">
        {above && <div className="mb-1 text-sm text-ink-muted">{above}</div>}
        <h1 className="text-2xl font-semibold tracking-tight text-ink">{title}</h1>
        {description && <p className="mt-1 max-w-3xl text-sm text-ink-muted">{description}</p>}
      </div>
      {(primaryAction || actions) && (
        <div className="flex shrink-0 flex-wrap items-center gap-2">
          {primaryAction && (
            <ButtonLink href={primaryAction.href} variant="primary">
              {primaryAction.label}
            </ButtonLink>
          )}
          {actions}
        </div>
      )}
    </header>
  )
}

/** A page of stacked sections under its header, 1.5 rem apart. */
export type StackedPageProps = Omit<PageHeaderProps, 'className'> & { children: ReactNode; className?: string }

export function StackedPage({ children, className, ...header }: StackedPageProps) {
  return (
    <div className={cn('space-y-6', className)}>
      <PageHeader {...header} className="mb-0" />
      {children}
    </div>
  )
}
