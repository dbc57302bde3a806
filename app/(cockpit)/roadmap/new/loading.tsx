import { PageLoading } from '@/components/ui/page-loading'

export default function NewRoadmapItemLoading() {
  return <PageLoading label="Loading the new item form…" rows={8} />
}
