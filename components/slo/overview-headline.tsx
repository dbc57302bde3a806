import { Icon } from '@/components/ui/icons'
import type { OverviewHeadline as Headline } from '@/lib/slo/display'

/** The first thing an executive reads: the answer in words, then the counts it is computed from. */
export function OverviewHeadline({ headline }: { headline: Headline }) {
  const icon = headline.breached > 0 ? 'x-circle' : headline.atRisk > 0 ? 'alert' : 'check-circle'
  const tone = headline.breached > 0 ? 'text-breached-fg' : headline.atRisk > 0 ? 'text-at-risk-fg' : 'text-ok-fg'
  return (
    <section aria-labelledby="promise-heading" className="rounded-lg border border-line bg-surface px-5 py-4">
      <h2 id="promise-heading" className="text-sm font-medium text-ink-muted">
        Are we keeping our promises to clinicians?
      </h2>
      <p className="mt-1 flex items-center gap-2 text-xl font-semibold text-ink">
        <Icon name={icon} size={22} className={tone} />
        {headline.answer}
      </p>
      <p className="mt-1 text-sm text-ink-muted tabular-nums">{headline.counts}</p>
    </section>
  )
}
