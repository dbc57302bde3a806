import { TabsNav } from '@/components/ui/tabs-nav'

/** The roadmap's views of the same items, one tab each; every page of the area shows this under its header. */
export const ROADMAP_VIEWS = [
  { href: '/roadmap', label: 'Board' },
  { href: '/roadmap/timeline', label: 'Timeline' },
  { href: '/roadmap/table', label: 'Table' },
  { href: '/roadmap/value-risk', label: 'Value vs risk' },
  { href: '/roadmap/capacity', label: 'Capacity' },
  { href: '/roadmap/reviews', label: 'Quarterly reviews' },
] as const

export function RoadmapViews({ className }: { className?: string }) {
  return <TabsNav label="Roadmap views" tabs={ROADMAP_VIEWS} className={className} />
}
