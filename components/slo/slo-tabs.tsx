import { TabsNav } from '@/components/ui/tabs-nav'

const TABS = [
  { href: '/slo', label: 'Objectives' },
  { href: '/slo/reports', label: 'Reports' },
] as const

/** The SLO area's two views; pages below an objective or a report keep their parent tab current. */
export function SloTabs({ current }: { current: '/slo' | '/slo/reports' }) {
  return <TabsNav label="Service level views" tabs={TABS} current={current} className="print:hidden" />
}
