import { explainJobError } from '@/lib/jobs/explain-error'
import { cn } from '@/lib/cn'
import { RelativeTime } from '@/components/ui/relative-time'

export interface JobErrorProps {
  /** The run's stored error (lib/jobs/format.ts errorMessage). */
  error: string
  /** When the run that failed started. */
  at?: Date
  className?: string
}

/** A failed run in a sentence a person can act on; the stored error text behind "Technical detail". */
export function JobError({ error, at, className }: JobErrorProps) {
  const { sentence } = explainJobError(error)
  return (
    <div className={cn('text-sm', className)}>
      <p className="text-ink">
        {sentence}
        {at && (
          <span className="text-ink-muted">
            {' '}
            (<RelativeTime date={at} />)
          </span>
        )}
      </p>
      <details className="group mt-1">
        <summary className="w-fit cursor-pointer rounded-sm text-xs text-ink-muted select-none hover:text-ink focus-visible:outline-2 focus-visible:outline-focus">
          Technical detail
        </summary>
        <code className="mt-1 block max-w-prose rounded bg-surface-muted px-2 py-1.5 font-mono text-xs break-words whitespace-pre-wrap text-ink">{error}</code>
      </details>
    </div>
  )
}
