import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { archivedItems, boardColumns, wipLimits } from '@/lib/roadmap/queries'
import { StackedPage } from '@/components/ui/page-header'
import { Board } from '@/components/roadmap/board'
import { RoadmapViews } from '@/components/roadmap/roadmap-views'
import { BoardToolbar } from '@/components/roadmap/board-toolbar'

export const metadata: Metadata = { title: 'Roadmap' }

/**
 * The roadmap board: items by stage, in priority order. Editors drag cards (or use each card's Move menu)
 * between stages and within one; readers see the same board. Archived items are listed apart.
 */
export default async function RoadmapBoardPage() {
  const user = await requirePagePermission('roadmap:read')
  const canEdit = hasPermission(user.role, 'roadmap:edit')
  const [columns, limits, archived] = await Promise.all([boardColumns(), wipLimits(), archivedItems()])
  const total = Object.values(columns).reduce((n, c) => n + c.length, 0)

  return (
    <StackedPage
      title="Roadmap"
      description={
        canEdit
          ? 'What the platform builds next, by stage and in priority order within each. Drag a card by its handle, or use its Move menu; nothing reaches Released until its clinical and regulatory gates are complete.'
          : 'What the platform builds next, by stage and in priority order within each. Nothing reaches Released until its clinical and regulatory gates are complete.'
      }
      primaryAction={canEdit ? { href: '/roadmap/new', label: 'New item' } : undefined}
    >
      <RoadmapViews />
      <BoardToolbar limits={limits} canEdit={canEdit}>
        {total} item{total === 1 ? '' : 's'} on the board.{' '}
        {archived.length > 0 ? (
          <Link href="/roadmap/table?stage=archived" className="font-medium text-accent-fg hover:underline">
            {archived.length} archived item{archived.length === 1 ? ' is' : 's are'} listed in the table.
          </Link>
        ) : (
          'No item is archived.'
        )}
      </BoardToolbar>
      <Board columns={columns} limits={limits} canEdit={canEdit} />
    </StackedPage>
  )
}
