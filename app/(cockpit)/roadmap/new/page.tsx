import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { addQuarters, quarterOf } from '@/lib/roadmap/model'
import { listOwners } from '@/lib/roadmap/queries'
import { Card } from '@/components/ui/card'
import { PageHeader } from '@/components/ui/page-header'
import { ItemForm } from '@/components/roadmap/item-form'

export const metadata: Metadata = { title: 'New roadmap item' }

/** Adds an item to the roadmap (roadmap:edit): it lands at the top of its column. */
export default async function NewRoadmapItemPage() {
  const user = await requirePagePermission('roadmap:edit')
  const owners = await listOwners()
  const now = quarterOf(new Date())
  const quarters = Array.from({ length: 12 }, (_, i) => addQuarters(now, i))
  return (
    <div className="max-w-4xl">
      <PageHeader
        back={{ href: '/roadmap', label: 'Roadmap' }}
        title="New roadmap item"
        description="Say what the problem is and where it sits; it lands at the top of its column. Scores, evidence, risks and release gates are set on the item’s page."
      />
      <Card as="div" className="px-5 py-5">
        <ItemForm owners={owners} quarters={quarters} defaultOwnerId={owners.some((o) => o.id === user.id) ? user.id : null} />
      </Card>
    </div>
  )
}
