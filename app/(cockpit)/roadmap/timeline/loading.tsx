import { PageLoading } from '@/components/ui/page-loading'

export default function RoadmapTimelineLoading() {
  return <PageLoading label="Loading the roadmap timeline…" rows={8} />
}
