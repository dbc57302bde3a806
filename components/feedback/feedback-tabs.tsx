import { TabsNav } from '@/components/ui/tabs-nav'

const TABS = [
  { href: '/feedback', label: 'Inbox' },
  { href: '/feedback/sla', label: 'SLA report' },
  { href: '/feedback/satisfaction', label: 'Satisfaction' },
]

export function FeedbackTabs() {
  return <TabsNav label="Feedback views" tabs={TABS} />
}
