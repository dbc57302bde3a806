import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Icon } from './icons'

export interface StatDelta {
  /** Already formatted, with its sign: "+4.2%", "-12 min". */
  value: string
  direction: 'up' | 'down' | 'flat'
  /** Whether the change is good news; drives colour and a spoken "better"/"worse". Defaults to neutral. */
  tone?: 'good' | 'bad' | 'neutral'
  /** The comparison, e.g. "vs previous 7 d". */
  label?: string
}

export interface StatProps {
  label: ReactNode
  /** Already formatted (lib/format): "99.95", "1,204", "n/a". */
  value: ReactNode
  /** Shown smaller after the value: "%", "ms", "req/min". */
  unit?: string
  delta?: StatDelta
  /** A line of context under the figure. */
  hint?: ReactNode
  className?: string
}

const DELTA_TONE = { good: 'text-ok-fg', bad: 'text-breached-fg', neutral: 'text-ink-muted' } as const
const DELTA_ICON = { up: 'arrow-up', down: 'arrow-down', flat: 'minus' } as const
const DELTA_WORD = { good: ' (better)', bad: ' (worse)', neutral: '' } as const

/** One labelled figure. Place inside a `StatGroup` (a `<dl>`): it renders a `<dt>`/`<dd>` pair. */
export function Stat({ label, value, unit, delta, hint, className }: StatProps) {
  const tone = delta?.tone ?? 'neutral'
  return (
    <div className={cn('rounded-lg border border-line bg-surface px-4 py-3', className)}>
      <dt className="text-sm text-ink-muted">{label}</dt>
      <dd className="mt-1 flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className="text-2xl font-semibold text-ink tabular-nums">
          {value}
          {unit && <span className="ml-0.5 text-sm font-medium text-ink-muted">{unit}</span>}
        </span>
        {delta && (
          <span className={cn('inline-flex items-center gap-0.5 text-xs font-medium tabular-nums', DELTA_TONE[tone])}>
            <Icon name={DELTA_ICON[delta.direction]} size={12} />
            {delta.value}
            <span className="sr-only">{DELTA_WORD[tone]}</span>
            {delta.label && <span className="font-normal text-ink-muted"> {delta.label}</span>}
          </span>
        )}
      </dd>
      {hint && <dd className="mt-1 text-xs text-ink-muted">{hint}</dd>}
    </div>
  )
}

export interface StatGroupProps {
  children: ReactNode
  /** Columns at desktop width; two on tablets, one on phones. */
  columns?: 2 | 3 | 4
  className?: string
}

const COLUMNS = { 2: 'sm:grid-cols-2', 3: 'sm:grid-cols-2 lg:grid-cols-3', 4: 'sm:grid-cols-2 lg:grid-cols-4' } as const

export function StatGroup({ children, columns = 4, className }: StatGroupProps) {
  return <dl className={cn('grid grid-cols-1 gap-3', COLUMNS[columns], className)}>{children}</dl>
}
