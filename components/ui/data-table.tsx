import type { Key, ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Table, TBody, Td, Th, THead, Tr } from './table'

/**
 * A table from typed column definitions: the header row and one row per item, drawn with the Table pieces
 * of ./table. Server-safe (no hooks, no 'use client'): pass it render functions only from a server component
 * or from inside a client component, never across the boundary.
 */
export interface Column<T> {
  /** The header cell's content. */
  header: ReactNode
  /** Keep the header for screen readers only (a column of controls or links that needs no visible title). */
  headerHidden?: boolean
  /** Right-aligned figures, in the header and in every cell. */
  numeric?: boolean
  /** Classes of the header cell. */
  headerClassName?: string
  /** Classes of every body cell. */
  className?: string
  /**
   * Show the column only when the table's own box is at least this wide (container sizes: 2xl 42rem,
   * 3xl 48rem, 4xl 56rem, 5xl 64rem, 6xl 72rem). Below that the row must still say it: put the same facts
   * in another cell inside `<NarrowOnly below="…">`. How a wide table reflows in a narrow card, not scrolls.
   */
  hideBelow?: ContainerSize
  cell: (row: T) => ReactNode
}

export type ContainerSize = '2xl' | '3xl' | '4xl' | '5xl' | '6xl'

// Whole class names, so Tailwind sees them in the source.
const SHOWN_FROM: Record<ContainerSize, string> = {
  '2xl': 'hidden @2xl:table-cell',
  '3xl': 'hidden @3xl:table-cell',
  '4xl': 'hidden @4xl:table-cell',
  '5xl': 'hidden @5xl:table-cell',
  '6xl': 'hidden @6xl:table-cell',
}
const HIDDEN_FROM: Record<ContainerSize, string> = {
  '2xl': '@2xl:hidden',
  '3xl': '@3xl:hidden',
  '4xl': '@4xl:hidden',
  '5xl': '@5xl:hidden',
  '6xl': '@6xl:hidden',
}

/** Content shown only while the table is narrower than `below`: the facts of the columns hidden there. */
export function NarrowOnly({ below, className, children }: { below: ContainerSize; className?: string; children: ReactNode }) {
  return <span className={cn('block', HIDDEN_FROM[below], className)}>{children}</span>
}

/** `false`, `null` or `undefined` leave a column out, e.g. `canManage && actionsColumn(...)`. */
export type Columns<T> = readonly (Column<T> | false | null | undefined)[]

export interface DataTableProps<T> {
  /** What the table lists, for screen readers (see Table). */
  caption: ReactNode
  captionHidden?: boolean
  columns: Columns<T>
  rows: readonly T[]
  rowKey: (row: T) => Key
  rowClassName?: (row: T) => string | undefined
  className?: string
}

export function DataTable<T>({ caption, captionHidden, columns, rows, rowKey, rowClassName, className }: DataTableProps<T>) {
  const shown = columns.filter((c): c is Column<T> => Boolean(c))
  const at = (c: Column<T>) => c.hideBelow && SHOWN_FROM[c.hideBelow]
  return (
    <Table caption={caption} captionHidden={captionHidden} className={className} container={shown.some((c) => c.hideBelow)}>
      <THead>
        <Tr>
          {shown.map((c, i) => (
            <Th key={i} numeric={c.numeric} className={cn(c.headerClassName, at(c))}>
              {c.headerHidden ? <span className="sr-only">{c.header}</span> : c.header}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={rowKey(row)} className={rowClassName?.(row)}>
            {shown.map((c, i) => (
              <Td key={i} numeric={c.numeric} className={cn(c.className, at(c))}>
                {c.cell(row)}
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}

/** The last column of a table of things that can be changed: a hidden "Actions" header, controls on the right. */
export function actionsColumn<T>(cell: (row: T) => ReactNode, header = 'Actions'): Column<T> {
  return { header, headerHidden: true, className: 'text-right', cell }
}

/** The look of a row for something switched off, disabled, revoked or expired. */
export const DIMMED_ROW = 'bg-surface-muted/60'

/** A row's name, whole: it wraps (a long unbroken name anywhere) rather than being cut. */
export function CellTitle({ text, className }: { text: string; className?: string }) {
  return <span className={cn('block font-medium wrap-anywhere', className)}>{text}</span>
}

/** A small muted line under a cell's main content. */
export function CellNote({ children, className }: { children: ReactNode; className?: string }) {
  return <span className={cn('block text-xs text-ink-muted', className)}>{children}</span>
}
