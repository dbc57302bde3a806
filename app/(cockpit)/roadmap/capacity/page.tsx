import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { capacityByQuarter, upcomingQuarters } from '@/lib/roadmap/capacity-queries'
import { CapacityQuarter } from '@/components/roadmap/capacity-quarter'
import { StackedPage } from '@/components/ui/page-header'

export const metadata: Metadata = { title: 'Roadmap capacity' }

/** Team capacity per quarter (person-weeks) against the effort planned for it: this quarter and the next four. */
export default async function RoadmapCapacityPage() {
  const user = await requirePagePermission('roadmap:read')
  const canEdit = hasPermission(user.role, 'roadmap:edit')
  const quarters = upcomingQuarters(new Date())
  const plan = await capacityByQuarter(quarters)
  const over = plan.filter((q) => q.over)
  return (
    <StackedPage
      title="Capacity"
      description="Planned effort is the sum of the effort estimates of items targeting the quarter in discovery, planned, in progress or released; ideas and archived items do not count. A quarter is over when planned effort exceeds the team’s capacity."
      back={{ href: '/roadmap', label: 'Roadmap' }}
    >
      <p className="text-sm text-ink" role="status">
        {over.length === 0 ? 'No quarter is over capacity.' : `Over capacity: ${over.map((q) => q.quarter).join(', ')}.`}
      </p>
      {plan.map((q, k) => (
        <CapacityQuarter key={q.quarter} q={q} current={k === 0} canEdit={canEdit} />
      ))}
    </StackedPage>
  )
}
