import type { FunnelReport, FunnelSeries } from '@/lib/analytics/funnel-query'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
import { durationText, groupName, peopleText, rateText } from './funnel-display'

export interface FunnelStepsTableProps {
  report: FunnelReport
  caption: string
}

function SeriesRows({ series, report, heading }: { series: FunnelSeries; report: FunnelReport; heading: string | null }) {
  const k = report.minGroupSize
  return (
    <TBody>
      {heading !== null && (
        <Tr className="bg-surface-muted/60">
          <Th scope="rowgroup" colSpan={6} className="text-sm font-semibold text-ink">
            {heading}
            <span className="ml-2 font-normal text-ink-muted">
              {peopleText(series.started, k)} started · {peopleText(series.completed, k)} completed
            </span>
          </Th>
        </Tr>
      )}
      {series.steps.map((s, i) => {
        const previous = i === 0 ? s.users : (series.steps[i - 1]?.users ?? null)
        return (
          <Tr key={s.step}>
            <Th scope="row" className="text-sm font-normal text-ink">
              <span className="font-medium">
                {s.step}. {s.label}
              </span>
              {s.label !== s.event && <span className="block text-xs text-ink-muted">{s.event}</span>}
            </Th>
            <Td numeric>{peopleText(s.users, k)}</Td>
            <Td numeric>{rateText(s.conversion, s.users === null || series.started === null, k)}</Td>
            <Td numeric>{i === 0 ? '—' : rateText(s.stepConversion, s.users === null || previous === null, k)}</Td>
            <Td numeric>{i === 0 ? '—' : peopleText(s.dropOff, k)}</Td>
            <Td numeric>{i === 0 ? '—' : s.users === null ? `<${k}` : durationText(s.medianFromPreviousMs)}</Td>
          </Tr>
        )
      })}
    </TBody>
  )
}

/**
 * The funnel's numbers: per step the people who reached it, conversion from the first and from the previous
 * step, the people lost since the previous step and the median time it took them; everyone first, then
 * each breakdown group under its own heading. Suppressed figures read "<11".
 */
export function FunnelStepsTable({ report, caption }: FunnelStepsTableProps) {
  const grouped = report.groups.length > 0
  return (
    <Table caption={caption} captionHidden>
      <THead>
        <Tr>
          <Th>Step</Th>
          <Th numeric>Users</Th>
          <Th numeric>Conversion from start</Th>
          <Th numeric>From previous step</Th>
          <Th numeric>Drop-off</Th>
          <Th numeric>Median time from previous step</Th>
        </Tr>
      </THead>
      <SeriesRows series={report.overall} report={report} heading={grouped ? 'Everyone' : null} />
      {report.groups.map((g) => (
        <SeriesRows key={g.key} series={g} report={report} heading={groupName(g.key, report.query.breakdown)} />
      ))}
    </Table>
  )
}
