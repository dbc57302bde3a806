import { TabsNav } from '@/components/ui/tabs-nav'
import { REPORT_PERIODS, REPORT_PERIOD_LABELS, type ReportPeriod } from '@/lib/slo/report-periods'

/** Filters the report list by period; the filter is the URL (?period=weekly). */
export function PeriodFilter({ current }: { current: ReportPeriod | null }) {
  const tabs = [{ href: '/slo/reports', label: 'All' }, ...REPORT_PERIODS.map((p) => ({ href: `/slo/reports?period=${p}`, label: REPORT_PERIOD_LABELS[p] }))]
  return <TabsNav label="Report period" tabs={tabs} current={current ? `/slo/reports?period=${current}` : '/slo/reports'} className="print:hidden" />
}
