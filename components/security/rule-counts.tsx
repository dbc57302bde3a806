import Link from 'next/link'
import { SECURITY_RULE_LABELS, SECURITY_RULES, type SecurityRule } from '@/lib/security/settings'
import { formatNumber } from '@/lib/format'
import { cn } from '@/lib/cn'

export interface RuleCountsProps {
  counts: Record<SecurityRule, number>
  /** The rule the list is filtered to, if any. */
  active: string
  /** The address of the list filtered to a rule (the other filters kept). */
  hrefFor: (rule: SecurityRule | null) => string
}

/** Events per rule in the period, each a link that filters the list to it. */
export function RuleCounts({ counts, active, hrefFor }: RuleCountsProps) {
  return (
    <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" aria-label="Events per rule">
      {SECURITY_RULES.map((rule) => {
        const n = counts[rule]
        const current = active === rule
        return (
          <li key={rule}>
            <Link
              href={hrefFor(current ? null : rule)}
              aria-current={current ? 'true' : undefined}
              className={cn(
                'flex items-center justify-between gap-3 rounded-md border px-3 py-2 text-sm hover:bg-surface-muted',
                current ? 'border-accent bg-accent-subtle' : 'border-line',
                n === 0 && 'text-ink-muted',
              )}
            >
              <span>{SECURITY_RULE_LABELS[rule]}</span>
              <span className="font-semibold tabular-nums">{formatNumber(n)}</span>
            </Link>
          </li>
        )
      })}
    </ul>
  )
}
