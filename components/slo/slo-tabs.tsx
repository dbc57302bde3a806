import { TabsNav } from '@/components/ui/tabs-nav'

const TABS = [
  { href: '/slo', label: 'Objectives' },
  { href: '/slo/reports', label: 'Reports' },
] as const

/**
 * The SLO area's two views; pages below an objective or a report keep their parent tab current. Without
 * report:read (clinicians) Reports is left out rather than leading to a 403.
 */
export function SloTabs({ current, showReports = true }: { current: '/slo' | '/slo/reports'; showReports?: boolean }) {
  const tabs = showReports ? TABS : TABS.filter((t) => t.href !== '/slo/reports')
  return <TabsNav label="Service level views" tabs={tabs} current={current} className="print:hidden" />
}
