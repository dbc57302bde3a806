import { PageLoading } from '@/components/ui/page-loading'

export default function RoadmapTableLoading() {
  return <PageLoading label="Loading the roadmap table…" rows={10} />
}
