import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react'
import { cn } from '@/lib/cn'

export interface TableProps extends HTMLAttributes<HTMLTableElement> {
  /** What the table lists; read by screen readers. Required: every table is named. */
  caption: ReactNode
  /** Keep the caption for screen readers only, when a visible heading already says the same. */
  captionHidden?: boolean
  /**
   * Make the scroll box a size container, so cells can use container variants (`@5xl:table-cell`) and reflow
   * with the table's own width rather than the window's. Only for a table in a block of known width.
   */
  container?: boolean
}

/**
 * Scrolls sideways inside its own box, never widening the page or its card, when the columns cannot fit even
 * wrapped; the faded edge (`scroll-fade-x`, globals.css) shows that more is there. `relative` keeps
 * screen-reader-only text (absolutely positioned) inside the box: without it, a hidden header in a scrolled-off
 * column would widen the whole document.
 */
export function Table({ caption, captionHidden = false, container = false, className, children, ...rest }: TableProps) {
  return (
    <div className={cn('scroll-fade-x relative overflow-x-auto', container && '@container')}>
      <table className={cn('w-full border-collapse text-left text-sm tabular-nums', className)} {...rest}>
        <caption className={captionHidden ? 'sr-only' : 'px-3 pb-2 text-left text-sm font-medium text-ink-muted'}>{caption}</caption>
        {children}
      </table>
    </div>
  )
}

/** Cell padding, a little tighter below 1280 px so that one more column fits on a 1024 px screen. */
const CELL_X = 'px-2.5 xl:px-3'

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
      // Headers wrap between words when the table is squeezed; a column is never wider than its content needs.
      className={cn(CELL_X, 'py-2 text-xs font-semibold text-ink-muted', scope === 'col' && 'align-bottom', numeric ? 'text-right' : 'text-left', className)}
      {...rest}
    />
  )
}

export interface TdProps extends TdHTMLAttributes<HTMLTableCellElement> {
  /** Right-aligned tabular figures. */
  numeric?: boolean
}

export function Td({ numeric = false, className, ...rest }: TdProps) {
  return <td className={cn(CELL_X, 'py-2 text-ink', numeric && 'text-right whitespace-nowrap', className)} {...rest} />
}
