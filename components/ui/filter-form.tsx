import Form from 'next/form'
import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Button, ButtonLink } from './button'

export interface FilterFormProps {
  /** The list page the filter applies to; "Clear filters" links back to it bare. */
  action: string
  /** The form's accessible name, e.g. "Filter the flags". */
  label: string
  /** Responsive column classes of the fields' grid, e.g. `sm:grid-cols-2 lg:grid-cols-5`. */
  gridClassName: string
  /** Whether any filter is set (shows "Clear filters"). */
  filtered: boolean
  children: ReactNode
}

/**
 * A GET form above a list: the filter is the URL, so a view can be bookmarked and shared (next/form; a plain
 * GET without JavaScript). The fields in a grid, then "Apply filters" and, when filtered, "Clear filters".
 */
export function FilterForm({ action, label, gridClassName, filtered, children }: FilterFormProps) {
  return (
    <Form action={action} aria-label={label} className="space-y-3">
      <div className={cn('grid grid-cols-1 gap-3', gridClassName)}>{children}</div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="primary" size="sm">
          Apply filters
        </Button>
        {filtered && (
          <ButtonLink href={action} variant="ghost" size="sm">
            Clear filters
          </ButtonLink>
        )}
      </div>
    </Form>
  )
}
