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
  cell: (row: T) => ReactNode
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
  return (
    <Table caption={caption} captionHidden={captionHidden} className={className}>
      <THead>
        <Tr>
          {shown.map((c, i) => (
            <Th key={i} numeric={c.numeric} className={c.headerClassName}>
              {c.headerHidden ? <span className="sr-only">{c.header}</span> : c.header}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={rowKey(row)} className={rowClassName?.(row)}>
            {shown.map((c, i) => (
              <Td key={i} numeric={c.numeric} className={c.className}>
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

/** A row's name on one truncated line, whole on hover. */
export function CellTitle({ text, className }: { text: string; className?: string }) {
  return (
    <span className={cn('block truncate font-medium', className)} title={text}>
      {text}
    </span>
  )
}

/** A small muted line under a cell's main content. */
export function CellNote({ children, className }: { children: ReactNode; className?: string }) {
  return <span className={cn('block text-xs text-ink-muted', className)}>{children}</span>
}
