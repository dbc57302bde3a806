import type { EvaluationCountView } from '@/lib/flags/queries'
import { CountBarChart } from '@/components/charts/count-bar-chart'
import { environmentLabel } from './labels'

/** Evaluations per variant in one environment over the last 24 h, as bars with a table one click away. */
export function EvaluationCounts({ counts, environment, variants }: { counts: readonly EvaluationCountView[]; environment: string; variants: readonly string[] }) {
  const here = counts.filter((c) => c.environment === environment)
  const env = environmentLabel(environment).toLowerCase()
  // Every variant, in the flag's order, so a variant nobody got shows as 0 rather than missing.
  const names = [...variants, ...here.map((c) => c.variant).filter((v, i, all) => !variants.includes(v) && all.indexOf(v) === i)]
  const data = names.map((label) => ({ label, value: here.filter((c) => c.variant === label).reduce((s, c) => s + c.count, 0) }))
  return (
    <CountBarChart
      label={`Evaluations per variant, ${env}, last 24 h`}
      data={data}
      valueLabel="Evaluations (count)"
      categoryLabel="Variant"
      empty={{
        title: 'No evaluations in the last 24 hours',
        reason: `No SDK or OFREP client asked for this flag in ${env}, or the counts have not been written yet (they are flushed every minute).`,
      }}
    />
  )
}
