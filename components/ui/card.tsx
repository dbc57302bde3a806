import type { HTMLAttributes, ReactNode } from 'react'
import { cn } from '@/lib/cn'

export interface CardProps extends HTMLAttributes<HTMLElement> {
  /** `section` (default) when the card has a title; `div` for a plain panel; `article` for a list item. */
  as?: 'section' | 'div' | 'article'
}

export function Card({ as: Element = 'section', className, ...rest }: CardProps) {
  // min-w-0: in a grid or flex row the card takes its track's width, never its widest content's (a table scrolls inside).
  return <Element className={cn('min-w-0 rounded-lg border border-line bg-surface', className)} {...rest} />
}

export interface CardHeaderProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  /** Controls on the right of the header: a link, a filter, a button. */
  actions?: ReactNode
}

export function CardHeader({ actions, className, children, ...rest }: CardHeaderProps) {
  return (
    <div className={cn('flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-line px-4 py-3', className)} {...rest}>
      <div className="min-w-0">{children}</div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </div>
  )
}

export interface CardTitleProps extends HTMLAttributes<HTMLHeadingElement> {
  /** Heading level in the page outline; h2 under a page's h1 by default. */
  as?: 'h2' | 'h3' | 'h4'
  /** One line under the title. */
  description?: ReactNode
}

export function CardTitle({ as: Heading = 'h2', description, className, ...rest }: CardTitleProps) {
  return (
    <>
      <Heading className={cn('text-base font-semibold text-ink', className)} {...rest} />
      {description && <p className="mt-0.5 text-sm text-ink-muted">{description}</p>}
    </>
  )
}

export function CardBody({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('px-4 py-3', className)} {...rest} />
}
