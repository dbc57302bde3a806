import type { HTMLAttributes } from 'react'
import { cn } from '@/lib/cn'

/** Text for screen readers only (e.g. what an icon-only control does, or the unit of a bare figure). */
export function VisuallyHidden({ className, ...rest }: HTMLAttributes<HTMLSpanElement>) {
  return <span className={cn('sr-only', className)} {...rest} />
}
