import { cn } from '@/lib/cn'
import { Icon } from '@/components/ui/icons'

export interface FormMessageProps {
  /** The last result of the form's action; nothing is shown before the first submit. */
  state: { ok: boolean; message?: string } | null
  className?: string
}

/**
 * The outcome of a form, in a live region that is always in the page (a region added together with its
 * text is not reliably announced). Errors are announced assertively, successes politely.
 */
export function FormMessage({ state, className }: FormMessageProps) {
  const message = state?.message
  return (
    <div aria-live={state && !state.ok ? 'assertive' : 'polite'} aria-atomic="true" className={className}>
      {message && (
        <p
          className={cn(
            'flex items-start gap-2 rounded-md border px-3 py-2 text-sm',
            state.ok ? 'border-ok-border bg-ok-bg text-ok-fg' : 'border-critical-border bg-critical-bg text-critical-fg',
          )}
        >
          <Icon name={state.ok ? 'check-circle' : 'alert-octagon'} size={16} className="mt-0.5" />
          <span>{message}</span>
        </p>
      )}
    </div>
  )
}
