import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { readMatrix } from '@/lib/competitors/matrix'
import { listThreatLinks } from '@/lib/competitors/queries'
import { countPendingChanges } from '@/lib/competitors/watch-queries'
import { readPositioning } from '@/lib/competitors/positioning-query'
import { CAPABILITY_GROUP_LABELS, CAPABILITY_GROUPS, type CapabilityGroup } from '@/lib/competitors/schema'
import { cn } from '@/lib/cn'
import { hasPermission } from '@/lib/rbac'
import { ButtonLink } from '@/components/ui/button'
import { GapsTable } from '@/components/competitors/gaps-table'
import { PositioningChart } from '@/components/competitors/positioning-chart'
import { MatrixTable } from '@/components/competitors/matrix-table'
import { ThreatCards } from '@/components/competitors/threat-cards'
import { ThreatLinks } from '@/components/competitors/threat-links'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Competitors' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

function hrefOf(group: CapabilityGroup | null, sort: 'taxonomy' | 'gap') {
  const p = new URLSearchParams()
  if (group) p.set('group', group)
  if (sort === 'gap') p.set('sort', 'gap')
  const q = p.toString()
  return `/competitors${q ? `?${q}` : ''}#matrix-heading`
}

/**
 * The competitor matrix: each competitor's threat with its explanation, the capabilities by group with
 * every product's status (cells open their evidence), where competitors lead us, and the roadmap links
 * their high threats asked for. `?group=` filters the matrix; `?sort=gap` puts the biggest gaps first.
 */
export default async function CompetitorsPage({ searchParams }: Props) {
  const user = await requirePagePermission('competitor:read')
  const canEdit = hasPermission(user.role, 'competitor:edit')
  const params = await searchParams
  const rawGroup = one(params.group)
  const group = (CAPABILITY_GROUPS as readonly string[]).includes(rawGroup ?? '') ? (rawGroup as CapabilityGroup) : null
  const sort = one(params.sort) === 'gap' ? 'gap' : 'taxonomy'
  const [matrix, links, pending] = await Promise.all([readMatrix(), listThreatLinks(), countPendingChanges()])
  const rivals = matrix.products.filter((p) => !p.isUs)
  const positioning = await readPositioning(matrix)

  const worst = new Map<string, number>()
  for (const g of matrix.gaps) worst.set(g.capability.id, Math.max(worst.get(g.capability.id) ?? 0, g.threat.score))
  const rows = matrix.capabilities.filter((c) => !group || c.group === group)
  if (sort === 'gap') rows.sort((a, b) => (worst.get(b.id) ?? 0) - (worst.get(a.id) ?? 0) || b.weight - a.weight)

  if (matrix.products.length === 0 || matrix.capabilities.length === 0) {
    return (
      <StackedPage title="Competitors" description="How our clinical-AI platform compares with Epic, Oracle Health, Veradigm, MEDITECH and newcomers, capability by capability, with evidence.">
        <EmptyState title="No competitors or capabilities yet">The matrix fills once competitors and the capability taxonomy are recorded (the demo seed adds the guide’s four).</EmptyState>
      </StackedPage>
    )
  }

  return (
    <StackedPage
      title="Competitors"
      description="How our clinical-AI platform compares with Epic, Oracle Health, Veradigm, MEDITECH and newcomers, capability by capability. Every cell rests on dated evidence; threat levels are computed from importance, their coverage against ours, recent upgrades and market overlap, and explained beside the number."
      actions={
        <>
          <ButtonLink href="/competitors/review" variant={pending > 0 ? 'primary' : 'secondary'}>
            {pending > 0 ? `Review ${pending} watched change${pending === 1 ? '' : 's'}` : 'Review queue'}
          </ButtonLink>
          <ButtonLink href="/competitors/sources">Watched sources</ButtonLink>
          {canEdit && (
            <ButtonLink href="/competitors/settings" variant="secondary">
              Threat settings
            </ButtonLink>
          )}
        </>
      }
    >
      <SectionCard headingId="threats-heading" title="Threat by competitor" description={`${rivals.length} competitors, highest threat first.`}>
        <ThreatCards products={matrix.products} />
      </SectionCard>

      <SectionCard
        headingId="matrix-heading"
        title="Capability matrix"
        description={`Evidence older than ${matrix.settings.halfLifeDays} days (its half-life) is marked stale. Open a cell to see its evidence and record new evidence.`}
        actions={
          <span className="flex flex-wrap gap-3 text-sm">
            <a href="/api/competitors/matrix/csv" download className="text-accent-fg hover:underline">
              Matrix CSV
            </a>
            <a href="/api/competitors/evidence/csv" download className="text-accent-fg hover:underline">
              Evidence CSV
            </a>
          </span>
        }
        bare
      >
        <nav aria-label="Filter and sort the matrix" className="flex flex-wrap items-center gap-2 border-b border-line px-4 py-2 text-sm">
          <span className="text-ink-muted">Group:</span>
          {[null, ...CAPABILITY_GROUPS].map((g) => (
            <Link
              key={g ?? 'all'}
              href={hrefOf(g, sort)}
              aria-current={g === group ? 'true' : undefined}
              className={cn('rounded px-2 py-0.5 hover:bg-surface-muted', g === group && 'bg-accent-subtle font-medium text-accent-fg')}
            >
              {g ? CAPABILITY_GROUP_LABELS[g] : 'All'}
            </Link>
          ))}
          <span className="ml-auto text-ink-muted">Sort:</span>
          <Link href={hrefOf(group, 'taxonomy')} aria-current={sort === 'taxonomy' ? 'true' : undefined} className={cn('rounded px-2 py-0.5 hover:bg-surface-muted', sort === 'taxonomy' && 'bg-accent-subtle font-medium text-accent-fg')}>
            By group
          </Link>
          <Link href={hrefOf(group, 'gap')} aria-current={sort === 'gap' ? 'true' : undefined} className={cn('rounded px-2 py-0.5 hover:bg-surface-muted', sort === 'gap' && 'bg-accent-subtle font-medium text-accent-fg')}>
            Biggest gap first
          </Link>
        </nav>
        <MatrixTable matrix={matrix} rows={rows} />
      </SectionCard>

      <SectionCard headingId="gaps-heading" title="Where competitors lead us" description="Each capability a competitor covers better than we do, by threat score, with how the score was reached." bare>
        {matrix.gaps.length === 0 ? <EmptyState title="No competitor leads us on any capability">Or no evidence says so yet: unknown cells count as no lead.</EmptyState> : <GapsTable gaps={matrix.gaps} />}
      </SectionCard>

      <SectionCard headingId="positioning-heading" title="Positioning" description="Weighted capability coverage against price per staffed bed and year (the midpoint of the newest per-bed range).">
        <PositioningChart points={positioning} />
      </SectionCard>

      <SectionCard
        headingId="links-heading"
        title="Roadmap links from high threats"
        description="When a capability’s threat becomes high, the link is recorded here and the roadmap gets an item in Ideas with the evidence attached (the roadmap-threats job, every 15 minutes); a threat that grows raises its item."
        bare
      >
        {links.length === 0 ? <EmptyState title="No capability is under high threat">A link appears here when a capability’s threat from any competitor reaches high.</EmptyState> : <ThreatLinks links={links} />}
      </SectionCard>
    </StackedPage>
  )
}
