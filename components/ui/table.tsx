import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react'
import { cn } from '@/lib/cn'

export interface TableProps extends HTMLAttributes<HTMLTableElement> {
  /** What the table lists; read by screen readers. Required: every table is named. */
  caption: ReactNode
  /** Keep the caption for screen readers only, when a visible heading already says the same. */
  captionHidden?: boolean
}

/** Scrolls sideways inside its own box on narrow screens rather than widening the page. */
export function Table({ caption, captionHidden = false, className, children, ...rest }: TableProps) {
  return (
    <div className="overflow-x-auto">
      <table className={cn('w-full border-collapse text-left text-sm tabular-nums', className)} {...rest}>
        <caption className={captionHidden ? 'sr-only' : 'px-3 pb-2 text-left text-sm font-medium text-ink-muted'}>{caption}</caption>
        {children}
      </table>
    </div>
  )
}

export function THead({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn('border-b border-line bg-surface-muted', className)} {...rest} />
}

export function TBody({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn('divide-y divide-line', className)} {...rest} />
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn('align-middle', className)} {...rest} />
}

export interface ThProps extends ThHTMLAttributes<HTMLTableCellElement> {
  /** Right-aligns a column of figures (use the same on its cells). */
  numeric?: boolean
}

export function Th({ numeric = false, scope = 'col', className, ...rest }: ThProps) {
  return (
    <th
      scope={scope}
      className={cn('px-3 py-2 text-xs font-semibold whitespace-nowrap text-ink-muted', numeric ? 'text-right' : 'text-left', className)}
      {...rest}
    />
  )
}

export interface TdProps extends TdHTMLAttributes<HTMLTableCellElement> {
  /** Right-aligned tabular figures. */
  numeric?: boolean
}

export function Td({ numeric = false, className, ...rest }: TdProps) {
  return <td className={cn('px-3 py-2 text-ink', numeric && 'text-right whitespace-nowrap', className)} {...rest} />
}
