import { PageLoading } from '@/components/ui/page-loading'

export default function InsightsLoading() {
  return <PageLoading label="Loading insights…" rows={6} />
}
