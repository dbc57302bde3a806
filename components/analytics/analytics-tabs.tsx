import { TabsNav } from '@/components/ui/tabs-nav'

export const ANALYTICS_TABS = [
  { href: '/analytics', label: 'Overview' },
  { href: '/analytics/funnels', label: 'Funnels' },
  { href: '/analytics/trends', label: 'Trends' },
  { href: '/analytics/retention', label: 'Retention' },
  { href: '/analytics/insights', label: 'Insights' },
  { href: '/analytics/events', label: 'Event registry' },
] as const

export type AnalyticsTab = (typeof ANALYTICS_TABS)[number]['href']

/** The analytics area's views; pages below one (a workflow's editor) keep their parent tab current. */
export function AnalyticsTabs({ current }: { current: AnalyticsTab }) {
  return <TabsNav label="Analytics views" tabs={ANALYTICS_TABS} current={current} className="print:hidden" />
}
